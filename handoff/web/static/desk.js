// Live desk: when the server says something changed, fetch this page again and swap in the
// parts marked data-live. Forms are never replaced, so nothing being typed is lost.
(() => {
  const live = () => document.querySelectorAll("[data-live][id]");
  if (!live().length || !window.EventSource) return;
  let refreshing = false;
  const refresh = async () => {
    if (refreshing) return;
    refreshing = true;
    try {
      const response = await fetch(location.href, { headers: { "X-Requested-With": "fetch" } });
      if (!response.ok) return;
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
      for (const part of live()) {
        const next = fresh.getElementById(part.id);
        if (next && next.innerHTML !== part.innerHTML) part.innerHTML = next.innerHTML;
      }
      document.body.dataset.version = String(Number(document.body.dataset.version || 0) + 1);
    } finally {
      refreshing = false;
    }
  };
  const events = new EventSource("/desk/events");
  events.addEventListener("changed", refresh);
  // A change between rendering this page and connecting would otherwise be missed.
  events.addEventListener("open", refresh);
})();
