"""Reads a tenant's own words back to them in the formal second person ("ik heb" -> "u hebt").

The verbs come from a lexicon (`lexicon.py`), and Dutch word order says where the finite verb of
"ik" stands: right after it ("ik woon"), right before it ("sinds gisteren woon ik"), or at the
end of a subordinate clause ("omdat ik hier woon"). A question becomes "u vraagt of …". Words
that are not the tenant's own person (names, numbers, "cv-ketel", quoted text) stay exactly as
written. What cannot be restated with confidence (not Dutch, very long, or spoken to us as
"je" or "u" outside a plain question) is read back as the tenant's own words: u schreef "…".

Plain Python without Rasa imports, so the app's test suite can test it too.
"""

import re
from dataclasses import dataclass

from . import lexicon
from .lexicon import Kind

MAX_WORDS = 30  # longer messages are read back as the tenant's own words
MIN_DUTCH_RATIO = 0.6  # the share of words the Dutch lexicon must know

_GREETING = re.compile(
    r"^\s*(hallo|hoi|hey|goedemorgen|goedemiddag|goedenavond|goedendag|beste|dag)\b[\s,!.]*",
    re.IGNORECASE,
)
_PIECE = re.compile(
    r"""(?P<quote>"[^"]*"|“[^”]*”|„[^”“]*[”“]|‘[^’]*’|(?<![\w'])'[^'\s][^']*'(?!\w))
      |(?P<word>(?<!\w)'k\b|\w+(?:['’]\w+|[-.,:/]\w+)*%?)
      |(?P<space>\s+)
      |(?P<punct>.)""",
    re.VERBOSE,
)
_WORD_COUNT = re.compile(r"[\w'’-]+")

_SUBJECTS = {"ik": "ik", "'k": "ik", "k": "ik", "we": "we", "wij": "we"}
_POSSESSIVES = {"mijn": "uw", "m'n": "uw", "mn": "uw", "onze": "uw"}
_SELF = {"mezelf": "uzelf", "mijzelf": "uzelf", "onszelf": "uzelf"}
# Who the tenant speaks to: the corporation, or "je" in general.
_ADDRESSEE = frozenset("je jij jou jouw jullie u uw uzelf jezelf".split())

_SUBORDINATORS = frozenset(
    "dat omdat als wanneer terwijl sinds nadat of zodat hoewel voordat totdat tot zodra "
    "doordat indien tenzij toen ofschoon mits zoals alsof wat wie waar waarom hoe die welke "
    "waardoor waarmee waarover waarvoor waaraan waarin waarop hoeveel hoelang".split()
)
_COORDINATORS = frozenset("en maar want dus".split())
_WH = frozenset("wat wie waar waarom hoe wanneer welke hoeveel hoelang".split())
_PREPOSITIONS = frozenset(
    "bij voor met aan naar van op over om tegen zonder door achter naast onder boven volgens "
    "tot uit rond behalve in na tussen langs namens binnen buiten vanwege per tijdens".split()
)
# Words after which a noun follows, not a verb ("de sloop", "mijn schimmel").
_DETERMINERS = frozenset(
    "de het een mijn m'n mn uw onze ons zijn haar hun deze dit geen elke ieder iedere".split()
)
# Words right after "ik" that are no verb ("ik ook niet").
_NOT_VERBS = frozenset(
    "al ook nog niet nu dus wel toch echt zelf graag hier daar er het een de op in met van "
    "voor naar bij of en maar want dat die dit deze geen heel erg persoonlijk alleen".split()
)
_PRONOUN_SUBJECTS = frozenset("ik we wij je jij jullie u".split())
# Words that start the subject of a question ("kan ik …", "mag mijn zoon …", "is er …").
_QUESTION_SUBJECTS = frozenset(
    "ik we wij je jij jullie u iemand niemand er het dat dit mijn m'n mn onze de een hij zij "
    "ze men".split()
)
# "We maken ons zorgen": after these, "ons" is the reflexive, not "our".
_REFLEXIVE_NOUNS = frozenset({"zorgen", "druk", "boos", "kwaad"})
_QUESTION_ENDS = _SUBORDINATORS | _COORDINATORS | {"dan", "om"}


@dataclass
class _Token:
    text: str
    kind: str  # "word", "quote" or "punct"
    space: str = ""  # the whitespace before it
    fixed: bool = False  # already what the read-back says

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.kind == "word"

    def say(self, text: str) -> None:
        """Replaces the word, keeping a capital at its start."""
        self.text = text[:1].upper() + text[1:] if self.text[:1].isupper() else text


def to_second_person(text: str) -> str:
    """The tenant's words read back: restated in the second person, else as their own words.

    >>> to_second_person("Mijn kraan lekt en ik heb geen warm water")
    'uw kraan lekt en u hebt geen warm water'
    """
    return restated(text) or own_words(text)


def own_words(text: str) -> str:
    """The tenant's words as they wrote them, quoted: u schreef "…"."""
    return f'u schreef "{" ".join(text.split())}"'


def restated(text: str) -> str | None:
    """The tenant's words in the second person, or None where that cannot be done with
    confidence: not Dutch, over MAX_WORDS words, or spoken to us with "je" or "u"."""
    if len(_WORD_COUNT.findall(text)) > MAX_WORDS:
        return None
    tokens = _tokenise(_GREETING.sub("", " ".join(text.split())))
    if not tokens or not _looks_dutch(tokens):
        return None
    parts = _sentences(tokens)
    sentences = []
    for number, sentence in enumerate(parts):
        said = _question(sentence) or _statement(sentence)
        if said is None:
            return None
        if number + 1 < len(parts) and said[-1].text not in ".!?":
            said.append(_Token(".", "punct"))  # a question read back is no question
        sentences.append(_capitalised(said, first=number == 0))
    return "".join(sentences).rstrip(" .!?")


def _tokenise(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    space = ""
    for match in _PIECE.finditer(text):
        kind = match.lastgroup or "punct"
        if kind == "space":
            space = match.group()
            continue
        tokens.append(_Token(match.group(), kind, space))
        space = ""
    return tokens


def _looks_dutch(tokens: list[_Token]) -> bool:
    """Whether most words are Dutch ones, names (a capital inside the sentence) left out."""
    words = [
        token.text
        for index, token in enumerate(tokens)
        if token.is_word
        and any(char.isalpha() for char in token.text)
        and (index == 0 or not token.text[:1].isupper())
    ]
    return lexicon.looks_dutch(words, MIN_DUTCH_RATIO)


def _sentences(tokens: list[_Token]) -> list[list[_Token]]:
    sentences: list[list[_Token]] = [[]]
    for index, token in enumerate(tokens):
        sentences[-1].append(token)
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.text in ".!?" and following and following.space and following.text not in ".!?":
            sentences.append([])
    return [sentence for sentence in sentences if sentence]


def _render(tokens: list[_Token]) -> str:
    return "".join(token.space + token.text for token in tokens)


def _capitalised(tokens: list[_Token], first: bool) -> str:
    """A sentence's words; the first sentence starts in lower case unless with a name."""
    head = tokens[0]
    if not first:
        head.text = head.text[:1].upper() + head.text[1:]
    elif head.fixed or _ordinary(head.text):
        head.text = head.text[:1].lower() + head.text[1:]
    return _render(tokens)


def _ordinary(word: str) -> bool:
    """A capitalised word the lexicon knows in lower case ("Mijn"), not a name or "WC"."""
    known = lexicon.lemma(word)
    return word[1:2].islower() and known is not None and known[:1].islower()


# --- statements ----------------------------------------------------------------------------


def _statement(tokens: list[_Token]) -> list[_Token] | None:
    """Rewrites a statement in place: verbs first (they need to see "ik"), then pronouns."""
    _corporation(tokens)
    if any(token.is_word and not token.fixed and token.lower in _ADDRESSEE for token in tokens):
        return None
    scopes: dict[str, set[int]] = {"ik": set(), "we": set()}
    for index, token in enumerate(tokens):
        person = _SUBJECTS.get(token.lower) if token.is_word and not token.fixed else None
        if person:
            _agree(tokens, index, person, scopes[person])
            token.say("u")
            token.fixed = True
    for index, token in enumerate(tokens):
        if token.is_word and not token.fixed:
            _pronoun(tokens, index, scopes)
    return tokens


def _corporation(tokens: list[_Token]) -> None:
    """ "Jullie", the corporation, as the bot says it: "wij" as a subject, "ons" after a
    preposition ("bij jullie" -> "bij ons"). Left as it is elsewhere, so the tenant's own words
    are read back."""
    for index, token in enumerate(tokens):
        if token.fixed or token.lower != "jullie":
            continue
        before, after = _word(tokens, index - 1), _word(tokens, index + 1)
        if after and _is_noun(after.text):  # "jullie medewerkers": ours, if a plural
            if lexicon.lemma(after.text) not in (None, after.lower):
                token.text, token.fixed = "onze", True
        elif any(word and _plural(word) for word in (before, after)):
            token.say("wij")  # the verb's plural is the same for "wij"
            token.fixed = True
        elif before and (before.lower in _PREPOSITIONS or _finite([before], 0)):
            token.text, token.fixed = "ons", True  # "bij jullie", "ik heb jullie gebeld"


def _plural(token: _Token) -> bool:
    verb = lexicon.verb(token.text)
    return verb is not None and verb.kind in (Kind.PLURAL, Kind.PAST_PLURAL)


def _word(tokens: list[_Token], index: int) -> _Token | None:
    """The word at an index, if there is one there that is still the tenant's."""
    if 0 <= index < len(tokens) and tokens[index].is_word and not tokens[index].fixed:
        return tokens[index]
    return None


def _agree(tokens: list[_Token], index: int, person: str, scope: set[int]) -> None:
    """Makes the finite verb of a subject "ik" or "we" agree with "u"."""
    before = _word(tokens, index - 1)
    if (
        before
        and before.lower not in _SUBORDINATORS | _COORDINATORS
        and _conjugate(before, person)
    ):  # "sinds gisteren heb ik"
        _mark_scope(tokens, index + 1, scope)
        return
    if index > 0 and tokens[index - 1].lower in _SUBORDINATORS:  # "omdat ik hier woon"
        _verb_last(tokens, index, person)
        _mark_scope(tokens, index + 1, scope)
        return
    after = _word(tokens, index + 1)  # "ik woon", "ik werk"
    if after and (after.lower == "zijn" or after.lower not in _NOT_VERBS | _DETERMINERS):
        _conjugate(after, person, by_spelling=True)
    _mark_scope(tokens, index + 1, scope)
    _elided(tokens, index, person, scope)


def _conjugate(token: _Token, person: str, by_spelling: bool = False) -> bool:
    """Puts a finite verb in the "u" form; False when the word is no finite verb."""
    verb = lexicon.verb(token.text) or (
        lexicon.stem_by_spelling(token.text) if by_spelling else None
    )
    if verb is None or not verb.kind.finite:
        return False
    if person == "ik" and verb.kind is Kind.STEM:
        token.say(lexicon.u_form(verb.infinitive))
    elif person == "we" and verb.kind is Kind.PLURAL:
        token.say(lexicon.u_form(verb.infinitive))
    elif person == "we" and verb.kind is Kind.PAST_PLURAL:
        token.say(lexicon.past_singular(token.lower))
    token.fixed = True
    return True


def _finite_for(person: str, kind: Kind) -> bool:
    if person == "ik":
        return kind in (Kind.STEM, Kind.PAST)
    return kind in (Kind.PLURAL, Kind.PAST_PLURAL)


def _verb_last(tokens: list[_Token], index: int, person: str) -> None:
    """The finite verb of a subordinate clause: at its end ("omdat ik mijn baan kwijt ben")."""
    found: list[tuple[int, lexicon.Verb]] = []
    last = None
    for at in range(index + 1, len(tokens)):
        token = tokens[at]
        if not token.is_word:
            break
        if found and (token.lower in _SUBORDINATORS | _COORDINATORS or token.lower in _SUBJECTS):
            break
        following = _word(tokens, at + 1)
        inverted = following is not None and following.lower in _SUBJECTS  # "… vind ik"
        after_determiner = at > 0 and tokens[at - 1].lower in _DETERMINERS | _PREPOSITIONS
        verb = None if after_determiner or inverted else lexicon.verb(token.text)
        if verb and _finite_for(person, verb.kind):
            found.append((at, verb))
        elif found and verb and verb.kind.finite:
            break  # another subject's verb: "als ik bel neemt niemand op"
        if not after_determiner and not inverted:
            last = at
    if found:
        helpers = [(at, verb) for at, verb in found if verb.infinitive in lexicon.AUXILIARIES]
        at, _ = (helpers or found)[-1] if person == "ik" else (helpers or found)[0]
        _conjugate(tokens[at], person)
    elif last is not None and person == "ik":
        _conjugate(tokens[last], person, by_spelling=True)  # "omdat ik werk"


def _elided(tokens: list[_Token], index: int, person: str, scope: set[int]) -> None:
    """A second verb of the same subject: "ik ben ziek en kan niet werken"."""
    wanted = Kind.STEM if person == "ik" else Kind.PLURAL
    for at in range(index + 1, len(tokens) - 1):
        token = tokens[at]
        if not token.is_word or token.lower in _SUBORDINATORS or token.lower in _SUBJECTS:
            return
        if token.lower in ("en", "maar"):
            following = _word(tokens, at + 1)
            verb = lexicon.verb(following.text) if following else None
            if following and verb and verb.kind is wanted:
                _conjugate(following, person)
                _mark_scope(tokens, at + 2, scope)
            return


def _mark_scope(tokens: list[_Token], start: int, scope: set[int]) -> None:
    """The words of the subject's clause, where "me" or "ons" is the reflexive "zich"."""
    for at in range(start, len(tokens)):
        token = tokens[at]
        if not token.is_word or token.lower in _SUBORDINATORS | _COORDINATORS:
            return
        if token.lower in _SUBJECTS and not token.fixed:
            return
        scope.add(at)


def _pronoun(tokens: list[_Token], index: int, scopes: dict[str, set[int]]) -> None:
    token = tokens[index]
    lower = token.lower
    before = tokens[index - 1].lower if index > 0 else ""
    if lower in _POSSESSIVES:
        token.say(_POSSESSIVES[lower])
    elif lower in _SELF:
        token.say(_SELF[lower])
    elif lower in ("me", "mij"):
        reflexive = index in scopes["ik"] and before not in _PREPOSITIONS
        token.say("zich" if reflexive else "u")
    elif lower == "ons":
        following = _word(tokens, index + 1)
        reflexive = index in scopes["we"] and before not in _PREPOSITIONS
        if (
            following
            and _is_noun(following.text)
            and not (reflexive and following.lower in _REFLEXIVE_NOUNS)
        ):
            token.say("uw")  # "ons huis"
        else:
            token.say("zich" if reflexive else "u")  # "bij ons", "we maken ons zorgen"


def _is_noun(word: str) -> bool:
    """Whether a word after "ons" can be what is ours ("ons huis"), not the next part."""
    lower = word.lower()
    if not lower.isalpha() or lower in _NOT_VERBS | _PREPOSITIONS | _SUBORDINATORS:
        return False
    verb = lexicon.verb(lower)
    return verb is None or verb.kind is Kind.STEM


# --- questions -----------------------------------------------------------------------------


def _question(tokens: list[_Token]) -> list[_Token] | None:
    """A question as "u vraagt of …": "kan ik de huur later betalen?" -> "u vraagt of u de huur
    later kunt betalen". None for a sentence that is no such question."""
    asked = tokens[-1].text == "?"
    words = tokens[:-1] if asked else list(tokens)
    if len(words) < 2 or any(token.kind == "quote" for token in words):
        return None
    wh = words[0].lower in _WH
    space = words[0].space
    at = 0
    if wh:  # "wanneer komt …", "hoeveel huur moet …"
        places = (2, 1) if words[0].lower in ("hoeveel", "welke") else (1,)
        at = next((place for place in places if _finite(words, place)), 0)
    if at + 1 >= len(words) or not _finite(words, at):
        return None
    verb = lexicon.verb(words[at].text)
    assert verb is not None
    subject = words[at + 1]
    if not wh and (
        verb.infinitive == "danken"  # "dank je wel"
        or not (
            subject.lower in _PRONOUN_SUBJECTS or (asked and subject.lower in _QUESTION_SUBJECTS)
        )
    ):
        return None
    finite = words[at]
    finite.space, finite.text = " ", finite.lower
    if subject.lower in _ADDRESSEE:  # "kunt u …", "heb je …": we, the corporation
        subject.text, subject.fixed = "wij", True
        finite.text, finite.fixed = verb.infinitive, True
    rest = words[at + 1 :]
    _place_finite(rest, finite, verb.infinitive)
    joiners = words[:at] if wh else [_Token("of", "word")]
    for joiner in joiners:
        joiner.text, joiner.space, joiner.fixed = joiner.lower, " ", True
    head = [
        _Token("u", "word", space, fixed=True),
        _Token("vraagt", "word", " ", fixed=True),
    ]
    return _statement([*head, *joiners, *rest])


def _place_finite(rest: list[_Token], finite: _Token, infinitive: str) -> None:
    """Puts the finite verb of a question where a subordinate clause has it: before the other
    verbs ("of u kunt betalen"), joined to its particle ("of de monteur langskomt"), or last."""
    where = next(
        (
            place
            for place in range(len(rest))
            if (place > 0 and _ends_question_part(rest[place])) or _is_infinite(rest, place)
        ),
        len(rest),
    )
    for place in range(1, where):
        token, following = rest[place], rest[place + 1] if place + 1 < len(rest) else None
        if (
            token.lower in lexicon.PARTICLES
            and lexicon.is_verb(token.lower + infinitive)
            and (
                following is None
                or _ends_question_part(following)
                or following.lower in _PREPOSITIONS
            )
        ):
            token.text, token.fixed = token.lower + finite.text, finite.fixed  # "langskomt"
            return
    rest.insert(where, finite)


def _finite(words: list[_Token], index: int) -> bool:
    verb = lexicon.verb(words[index].text) if index < len(words) and words[index].is_word else None
    return verb is not None and verb.kind.finite


def _ends_question_part(token: _Token) -> bool:
    return not token.is_word or token.lower in _QUESTION_ENDS or token.lower in _SUBJECTS


def _is_infinite(tokens: list[_Token], index: int) -> bool:
    """An infinitive or participle, where the finite verb goes before: "… kunt betalen"."""
    if index > 0 and tokens[index - 1].lower in _DETERMINERS:
        return False
    verb = lexicon.verb(tokens[index].text)
    return verb is not None and verb.kind in (Kind.PLURAL, Kind.PARTICIPLE)
