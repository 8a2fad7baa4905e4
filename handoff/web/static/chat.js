// The tenant web chat: sends messages, long-polls for answers, shows buttons.
(() => {
  const list = document.getElementById("messages");
  const form = document.getElementById("send");
  const input = document.getElementById("text");
  let after = 0;

  const newId = () => (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random()).replace(/[^A-Za-z0-9_-]/g, "");

  function show(text, who, buttons) {
    const item = document.createElement("li");
    item.className = who;
    item.textContent = text;  // never innerHTML: tenant and employee text stays text
    if (buttons && buttons.length) {
      const row = document.createElement("div");
      row.className = "buttons";
      for (const button of buttons.flat()) {
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = button.title;
        b.onclick = () => { row.remove(); send({ payload: button.payload, title: button.title }, button.title); };
        row.appendChild(b);
      }
      item.appendChild(row);
    }
    list.appendChild(item);
    item.scrollIntoView({ block: "end" });
  }

  async function send(body, shown) {
    show(shown, "tenant");
    const response = await fetch("/chat/api/messages", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ id: newId(), ...body }),
    });
    if (!response.ok) {
      // Over a limit (429) or too long (413), the server says why in the page's language.
      let reason = null;
      try { reason = (await response.json()).error; } catch (error) { reason = null; }
      show(reason || form.dataset.notArrived, "system");
    }
  }

  async function poll() {
    for (;;) {
      try {
        const response = await fetch(`/chat/api/messages?after=${after}`);
        if (response.ok) {
          for (const message of await response.json()) {
            after = Math.max(after, message.id);
            show(message.text, "bot", message.buttons);
          }
        } else {
          await new Promise((r) => setTimeout(r, 2000));
        }
      } catch (error) {
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    send({ text }, text);
  });
  poll();
})();
