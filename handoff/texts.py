"""What the app itself says to tenants, employees and admins (Dutch, B1, formal "u").

Everything the dialogue model says lives in rasa_project/domain.yml; every other sentence a
person reads lives here, so tests/unit/test_bot_texts.py checks them all. The domain decides
in data (why a case went to someone, by when they answer, who said what); the functions below
put that data into words.
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from handoff.domain import addresses
from handoff.domain.case_actions import Outcome, Result, Verb
from handoff.domain.delivery import GiveUp
from handoff.domain.handoff_request import DUTCH
from handoff.domain.presence import LOCAL, Day, promised
from handoff.domain.routing import RoutingDecision, Why
from handoff.domain.transcript import TranscriptLabels

TOPIC_LABELS = {
    "report_repair": "reparatie",
    "report_emergency": "spoed",
    "payment_arrears": "huurachterstand",
    "rent_question": "vraag over de huur",
    "end_tenancy": "huur opzeggen",
    "housing_search": "woning zoeken",
    "nuisance": "overlast",
    "complaint": "klacht",
    "planned_maintenance": "onderhoud",
    "home_modification": "woningaanpassing",
    "ask_for_employee": "vraag naar een medewerker",
    "appointment_visit": "afspraak of bezoek",
    "talk_to_human": "wil een medewerker spreken",
}


def topic_label(topic: str) -> str:
    """The topic in the words employees use."""
    return TOPIC_LABELS.get(topic, topic)


# --- to tenants -------------------------------------------------------------------------------

WEB_CHAT_INTRO = (
    "Stel hier uw vraag. U praat eerst met de digitale assistent. "
    "Een medewerker is altijd bereikbaar."
)
# The web chat page's own words (handoff/web/templates/chat.html and static/chat.js).
WEB_CHAT_TITLE = "Chat"
WEB_CHAT_LABEL = "Uw bericht"
WEB_CHAT_PLACEHOLDER = "Typ uw bericht…"
WEB_CHAT_SEND = "Stuur"
WEB_CHAT_NOT_ARRIVED = "Uw bericht is niet aangekomen. Probeer het nog eens."

HANDED_OVER = (
    "{employee} van team {team} helpt u verder. "
    "{employee} heeft ons hele gesprek, dus u hoeft niets opnieuw te vertellen. "
    "U krijgt hier {promise} antwoord van een mens. "
    "Wilt u later weten hoe het staat? Stuur dan /status."
)
RETURNING = "U had eerder contact met {employee}. Daarom gaat uw vraag weer naar {employee}."
SUCCESSOR = "{former} werkt hier niet meer. {employee} heeft het werk overgenomen."
CLAIMED = "{employee} heeft uw vraag nu opgepakt."
CASE_CLOSED = (
    "{employee} heeft uw vraag afgesloten. Hebt u nog een vraag? "
    "Dan helpt de digitale assistent u weer. U kunt ook altijd vragen naar een medewerker."
)
EMPLOYEE_SAYS = "{employee}: {text}"
EMPLOYEE_SENT_FILE_ELSEWHERE = (
    "{employee} stuurde u een bestand ({kind}). De webchat kan dat niet tonen. "
    "Hebt u het nodig? Laat het {employee} hier weten."
)
FEEDBACK_HEARD = (
    "Mag ik u twee korte vragen stellen? Voelde u zich gehoord? "
    "Kies een cijfer: 1 is helemaal niet, 5 is helemaal wel."
)
FEEDBACK_REPEATED = "Moest u uw vraag vaker dan één keer uitleggen?"
FEEDBACK_THANKS = "Dank u wel. Met uw antwoord maken wij onze hulp beter."
EMPLOYEES_ONLY = (
    "Dit commando is alleen voor medewerkers. "
    "Wilt u een medewerker spreken? Typ dan gewoon uw vraag."
)
TRANSFERRED = (
    "Uw vraag ligt nu bij {employee} van team {team}, omdat: {reason}. "
    "{employee} heeft ons hele gesprek. U krijgt hier {promise} antwoord."
)
REASSIGNED = (
    "{former} kon nog niet aan uw vraag beginnen. Daarom ligt uw vraag nu bij "
    "{employee} van team {team}. {employee} heeft ons hele gesprek. "
    "U krijgt hier {promise} antwoord."
)
STATUS_NO_CASE = (
    "U hebt nu geen open vraag bij een medewerker. Waar kan ik u mee helpen? "
    "U kunt ook altijd vragen naar een medewerker."
)
STATUS_WAITING = (
    "Uw vraag (zaak {case_id}) ligt bij {employee}. {employee} heeft ons hele gesprek. "
    "U krijgt hier {promise} antwoord van een mens."
)
STATUS_LATE = (
    "Uw vraag (zaak {case_id}) ligt bij {employee}. {employee} heeft ons hele gesprek. "
    "Het duurt langer dan we u beloofden. Excuses daarvoor. "
    "U krijgt hier zo snel mogelijk antwoord van een mens."
)
STATUS_CLAIMED = (
    "Uw vraag (zaak {case_id}) ligt bij {employee}. {employee} is ermee bezig. "
    "U krijgt hier antwoord."
)
TENANT_HELP = (
    "Ik ben de digitale assistent van uw woningcorporatie. Ik ben geen mens. "
    "Vertel in uw eigen woorden waar u hulp bij nodig hebt. "
    "Is het nodig, dan helpt een medewerker u verder. U kunt ook altijd vragen naar een "
    "medewerker.\n"
    "/status: bij wie ligt uw vraag\n"
    "/mijngegevens: alles wat wij van u bewaren\n"
    "/vergeetmij: uw gegevens wissen\n"
    "/help: dit overzicht"
)
# "/start" with a payload from a link on the website: a welcome that names the topic.
START_WELCOME = "Welkom. Ik ben de digitale assistent. Waar kan ik u mee helpen?"
START_WELCOMES = {
    "report_repair": (
        "Welkom. Ik ben de digitale assistent. U wilt een reparatie melden. "
        "Wat is er kapot of wat werkt er niet? Vertel het in uw eigen woorden."
    ),
    "rent_question": (
        "Welkom. Ik ben de digitale assistent. U hebt een vraag over de huur. "
        "Wat wilt u weten? Vertel het in uw eigen woorden."
    ),
    "nuisance": (
        "Welkom. Ik ben de digitale assistent. U wilt overlast melden. "
        "Wat is er aan de hand? Vertel het in uw eigen woorden."
    ),
}
# The command menus in Telegram (domain/commands.py: TENANT_MENU and EMPLOYEE_MENU).
TENANT_COMMAND_DESCRIPTIONS = {
    "start": "Begin een gesprek",
    "help": "Wat kan ik hier doen?",
    "status": "Bij wie ligt mijn vraag?",
    "mijngegevens": "Alles wat wij van u bewaren",
    "vergeetmij": "Wis al uw gegevens",
}
# The tenants' menu for a Telegram set to another language; the commands keep their names.
TENANT_COMMAND_DESCRIPTIONS_IN = {
    "en": {
        "start": "Start a conversation",
        "help": "What can I do here?",
        "status": "Who has my question?",
        "mijngegevens": "All the data we keep about you",
        "vergeetmij": "Erase all your data",
    },
    "tr": {
        "start": "Bir konuşma başlatın",
        "help": "Burada ne yapabilirim?",
        "status": "Sorum kimde?",
        "mijngegevens": "Hakkınızda sakladığımız tüm bilgiler",
        "vergeetmij": "Tüm bilgilerinizi silin",
    },
    "ar": {
        "start": "ابدأ محادثة",
        "help": "ماذا يمكنني أن أفعل هنا؟",
        "status": "من لديه سؤالي؟",
        "mijngegevens": "كل البيانات التي نحفظها عنك",
        "vergeetmij": "امسح كل بياناتك",
    },
    "pl": {
        "start": "Rozpocznij rozmowę",
        "help": "Co mogę tu zrobić?",
        "status": "Kto ma moją sprawę?",
        "mijngegevens": "Wszystkie dane, które przechowujemy",
        "vergeetmij": "Usuń wszystkie dane",
    },
    "de": {
        "start": "Ein Gespräch beginnen",
        "help": "Was kann ich hier tun?",
        "status": "Wer hat meine Frage?",
        "mijngegevens": "Alle Daten, die wir über Sie speichern",
        "vergeetmij": "Alle Ihre Daten löschen",
    },
    "fr": {
        "start": "Commencer une conversation",
        "help": "Que puis-je faire ici ?",
        "status": "Qui a ma question ?",
        "mijngegevens": "Toutes les données que nous gardons sur vous",
        "vergeetmij": "Effacer toutes vos données",
    },
}
EMPLOYEE_COMMAND_DESCRIPTIONS = {
    "zaken": "Mijn open zaken",
    "afsluiten": "Zaak afsluiten: [nummer] [bericht]",
    "doorzetten": "Zaak doorzetten: [nummer] [naam of team] [waarom]",
    "afwezig": "Geen nieuwe zaken, bijvoorbeeld bij ziekte",
    "beschikbaar": "Weer nieuwe zaken",
    "help": "Overzicht van de commando's",
}
TOO_LONG = "Uw bericht is lang. Ik heb het helemaal bewaard. Een medewerker kan later alles lezen."
# When Rasa (or its action server) cannot answer a message that sounds like danger, the app
# gives the steps of rasa_project/domain.yml's utter_emergency itself, then hands over.
EMERGENCY_WITHOUT_ASSISTANT = (
    "Is er direct gevaar? Bel dan meteen 112. Ruikt u gas? Gebruik dan geen lichtknoppen of "
    "apparaten. Zet ramen en deuren open en ga naar buiten. Bel daarna de storingsdienst: "
    "{storingsdienst}. Die is dag en nacht bereikbaar."
)
EMERGENCY_TO_A_PERSON = (
    "De digitale assistent werkt nu even niet. Daarom geef ik uw melding meteen door aan een "
    "medewerker."
)
# The first time the assistant cannot answer a message: it is kept and tried again.
ASSISTANT_DELAYED = (
    "Het duurt even voordat ik kan antwoorden. Uw bericht is bewaard. "
    "Als het niet lukt, helpt een medewerker u verder."
)
ASSISTANT_UNAVAILABLE = (
    "Het lukt de digitale assistent nu niet om uw bericht te lezen. "
    "Daarom geef ik uw vraag door aan een medewerker."
)
# A message the app could not process after several tries (it is kept for an admin).
MESSAGE_NOT_PROCESSED = (
    "Het spijt me. Er ging bij ons iets mis met uw bericht. "
    "Daarom geef ik uw vraag door aan een medewerker. U krijgt hier antwoord."
)
MESSAGE_NOT_PROCESSED_WITH_CASE = (
    "Het spijt me. Er ging bij ons iets mis met uw laatste bericht. "
    "{employee} weet dat nu. Wilt u het nog een keer sturen, in andere woorden?"
)
OWNER_MESSAGE_NOT_PROCESSED = (
    "Zaak {case_id}: er ging iets mis met een bericht van de huurder. "
    "De huurder weet het en stuurt het misschien opnieuw."
)
NOT_UNDERSTOOD = "Sorry, dat begreep ik niet. Kunt u het in andere woorden zeggen?"
NON_TEXT = {
    "photo": "Dank u voor de foto. Ik heb hem bewaard. Ik kan zelf geen foto's bekijken. "
    "Wilt u in een paar woorden typen wat er aan de hand is?",
    "voice": "Dank u voor uw spraakbericht. Ik heb het bewaard. Ik kan zelf niet luisteren. "
    "Wilt u in een paar woorden typen waarmee ik u kan helpen?",
    "video": "Dank u voor de video. Ik heb hem bewaard. Ik kan zelf geen video's bekijken. "
    "Wilt u in een paar woorden typen wat er aan de hand is?",
    "document": "Dank u voor het document. Ik heb het bewaard. "
    "Wilt u in een paar woorden typen waarmee ik u kan helpen?",
    "sticker": "Dank u! Ik kan stickers niet lezen. "
    "Wilt u in een paar woorden typen waarmee ik u kan helpen?",
    "other": "Dank u. Ik heb uw bericht bewaard, maar ik kan het niet lezen. "
    "Wilt u in een paar woorden typen waarmee ik u kan helpen?",
}
YES, NO = "Ja", "Nee"
FILE_WITH_CASE = "Dank u. Ik heb dit bij uw vraag bewaard. {employee} kan het zien."

# --- to tenants who write another language ----------------------------------------------------

# The app answers them itself, in their language, and a person takes over at once: the
# dialogue model and its Dutch read-back never see their words. Not Dutch, so not checked as
# B1 Dutch; tests/unit/test_bot_texts.py checks that their sentences are short and each
# language says the same. A language without its own texts gets the English ones.
IN_OTHER_LANGUAGES = {
    "en": {
        "essentials": "Hello. I am the digital assistant of your housing corporation. "
        "I am a computer. I will pass your message on to a person. "
        "They will answer you here, in Dutch or in English. "
        "What is your question about? You can write it here.",
        "safety": "Is there danger? Call 112 at once. Do you smell gas, or is it an urgent "
        "repair? Call the repair service, day and night: {storingsdienst}.",
        "handed_over": "{employee} will help you. {employee} can read our whole conversation. "
        "You will get an answer here before {time} on {date}.",
        "claimed": "{employee} is now working on your question.",
        "closed": "{employee} has closed your question. "
        "Do you have another question? Then write it here.",
        "feedback_heard": "May I ask you two short questions? Did you feel heard? "
        "Choose a number: 1 is not at all, 5 is completely.",
        "feedback_repeated": "Did you have to explain your question more than once?",
        "feedback_thanks": "Thank you. Your answer helps us to help better.",
        "yes": "Yes",
        "no": "No",
        # During an open case: /status, /help, a new owner, a file, a message that failed.
        "status_waiting": "Your question (case {case_id}) is with {employee}. "
        "{employee} can read our whole conversation. "
        "A person will answer you here before {time} on {date}.",
        "status_late": "Your question (case {case_id}) is with {employee}. "
        "It is taking longer than we promised. We are sorry. "
        "A person will answer you here as soon as possible.",
        "status_claimed": "Your question (case {case_id}) is with {employee}. "
        "{employee} is working on it. You will get an answer here.",
        "help": "I am the digital assistant of your housing corporation. I am a computer. "
        "A person has your question. They will answer you here, in Dutch or in English. "
        "You can write to them here.\n"
        "/status: who has your question, and by when\n"
        "/mijngegevens: all the data we keep about you\n"
        "/vergeetmij: delete your data\n"
        "/help: this overview",
        "transferred": "Your question is now with {employee}. "
        'The reason (in Dutch): "{reason}". {employee} can read our whole conversation. '
        "You will get an answer here before {time} on {date}.",
        "reassigned": "{former} could not start on your question yet. "
        "So your question is now with {employee}. {employee} can read our whole conversation. "
        "You will get an answer here before {time} on {date}.",
        "file_with_case": "Thank you. I have kept this with your question. {employee} can see it.",
        "file_elsewhere": "{employee} sent you a file. The web chat cannot show it. "
        "Do you need it? Then tell {employee} here.",
        "not_processed": "I am sorry. Something went wrong with your last message. "
        "{employee} knows about it. Could you send it again, in other words?",
        "employees_only": "This command is only for employees. "
        "A person already has your question. Just write here.",
        # Without an open case (after one in this language): /help, an employee's command.
        "help_no_case": "I am the digital assistant of your housing corporation. I am a computer. "
        "I will pass your message on to a person. "
        "They will answer you here, in Dutch or in English. "
        "What is your question about? You can write it here.\n"
        "/status: who has your question, and by when\n"
        "/mijngegevens: all the data we keep about you\n"
        "/vergeetmij: delete your data\n"
        "/help: this overview",
        "employees_only_no_case": "This command is only for employees. "
        "Do you want to talk to a person? Just write your question here.",
        # /start, and the welcomes of the links on the website (START_WELCOMES).
        "welcome": "Welcome. I am the digital assistant. How can I help you?",
        "welcome_report_repair": "Welcome. I am the digital assistant. "
        "You want to report a repair. What is broken, or what does not work? "
        "Tell me in your own words.",
        "welcome_rent_question": "Welcome. I am the digital assistant. "
        "You have a question about the rent. What would you like to know? "
        "Tell me in your own words.",
        "welcome_nuisance": "Welcome. I am the digital assistant. You want to report a nuisance. "
        "What is going on? Tell me in your own words.",
        # /status without an open case: the language of their latest case.
        "status_no_case": "You have no open question with an employee now. How can I help you? "
        "You can always ask for an employee.",
        # /mijngegevens and /vergeetmij, and the explanation at the top of the document.
        "my_data_caption": "This is all the data we keep about you. "
        "The file explains what is in it.",
        "my_data_web": "You can download all your data at {url}. "
        "The file explains what is in it. The link only works in this browser.",
        "forget_ask": "Do you want us to erase everything about you? "
        "Then we erase your messages, your name and your conversations with the digital "
        "assistant. "
        "Do you have an open question? Then we close it, and the employee is told. "
        "The corporation must keep some data by law. "
        "For example your rental contract and your payments. That data is not in this chat. "
        "We only keep numbers without your name, such as how many questions there were. "
        "Are you sure? Erasing cannot be undone.",
        "forget_yes": "Yes, erase everything",
        "forget_no": "No, do not erase",
        "forget_kept": "All right, we erase nothing. Your data stays as it was.",
        "forgotten": "We have erased everything about you. "
        "If you write to us later, we start again without your old data.",
        "export_intro": "This is all the data Aandacht keeps about you. "
        "Aandacht is the chat of your housing corporation. The file has four parts.\n"
        "1. About you: how you reach us.\n2. Your messages: "
        "everything you and we wrote in the chat.\n3. Your questions: "
        "which employee helped you, their notes and your answers afterwards.\n"
        "4. The digital assistant: what it kept of each conversation with you.\n"
        "Do you want us to erase everything? Then send /vergeetmij in the chat.",
        # The web chat page itself, in the browser's first language.
        "web_title": "Chat",
        "web_intro": "Ask your question here. You talk to the digital assistant first. "
        "An employee can always be reached.",
        "web_label": "Your message",
        "web_placeholder": "Type your message…",
        "web_send": "Send",
        "web_not_arrived": "Your message did not arrive. Please try again.",
        "web_slow_down": "You are sending many messages in a short time. "
        "This message did not arrive. Wait a minute and then send it again.",
        "web_too_long": "Your message is too long. Could you send it in a few shorter messages?",
        "web_too_many_chats": "Many conversations just started from your address. "
        "Please try again in an hour.",
    },
    "tr": {
        "essentials": "Merhaba. Ben konut kurumunuzun dijital asistanıyım. Ben bir bilgisayarım. "
        "Mesajınızı bir çalışana ileteceğim. "
        "Çalışan size burada Felemenkçe veya İngilizce cevap verecek. "
        "Sorunuz ne hakkında? Buraya yazabilirsiniz.",
        "safety": "Tehlike var mı? Hemen 112'yi arayın. Gaz kokusu mu var ya da acil bir arıza "
        "mı? Arıza servisini arayın, gece gündüz: {storingsdienst}.",
        "handed_over": "{employee} size yardım edecek. {employee} tüm konuşmamızı okuyabilir. "
        "Cevabınızı burada alacaksınız, en geç {date} saat {time}.",
        "claimed": "{employee} şimdi sorunuzla ilgileniyor.",
        "closed": "{employee} sorunuzu kapattı. Başka bir sorunuz var mı? O zaman buraya yazın.",
        "feedback_heard": "Size iki kısa soru sorabilir miyim? Sizi dinlediğimizi hissettiniz mi? "
        "Bir sayı seçin: 1 hiç, 5 tamamen.",
        "feedback_repeated": "Sorunuzu birden fazla kez anlatmak zorunda kaldınız mı?",
        "feedback_thanks": "Teşekkür ederiz. Cevabınız daha iyi yardım etmemizi sağlar.",
        "yes": "Evet",
        "no": "Hayır",
        "status_waiting": "Sorunuz (dosya {case_id}) {employee} adlı çalışanda. "
        "{employee} tüm konuşmamızı okuyabilir. "
        "Bir insan size burada cevap verecek, en geç {date} saat {time}.",
        "status_late": "Sorunuz (dosya {case_id}) {employee} adlı çalışanda. "
        "Söz verdiğimizden uzun sürüyor. Özür dileriz. "
        "Bir insan size burada en kısa sürede cevap verecek.",
        "status_claimed": "Sorunuz (dosya {case_id}) {employee} adlı çalışanda. "
        "{employee} sorunuzla ilgileniyor. Cevabınızı burada alacaksınız.",
        "help": "Ben konut kurumunuzun dijital asistanıyım. Ben bir bilgisayarım. "
        "Sorunuz bir çalışanda. Çalışan size burada Felemenkçe veya İngilizce cevap verecek. "
        "Ona buradan yazabilirsiniz.\n"
        "/status: sorunuz kimde ve ne zaman cevap alacaksınız\n"
        "/mijngegevens: sizinle ilgili sakladığımız tüm bilgiler\n"
        "/vergeetmij: bilgilerinizi silin\n"
        "/help: bu liste",
        "transferred": "Sorunuz artık {employee} adlı çalışanda. "
        'Nedeni (Felemenkçe): "{reason}". {employee} tüm konuşmamızı okuyabilir. '
        "Cevabınızı burada alacaksınız, en geç {date} saat {time}.",
        "reassigned": "{former} sorunuzla henüz ilgilenemedi. "
        "Bu yüzden sorunuz artık {employee} adlı çalışanda. "
        "{employee} tüm konuşmamızı okuyabilir. "
        "Cevabınızı burada alacaksınız, en geç {date} saat {time}.",
        "file_with_case": "Teşekkürler. Bunu sorunuzla birlikte sakladım. "
        "{employee} bunu görebilir.",
        "file_elsewhere": "{employee} size bir dosya gönderdi. Web sohbeti bu dosyayı "
        "gösteremiyor. Dosyaya ihtiyacınız var mı? O zaman bunu buraya yazın.",
        "not_processed": "Özür dilerim. Son mesajınızda bir sorun oldu. {employee} bunu biliyor. "
        "Mesajı başka kelimelerle tekrar gönderebilir misiniz?",
        "employees_only": "Bu komut sadece çalışanlar içindir. Sorunuz zaten bir çalışanda. "
        "Buraya yazmanız yeterli.",
        "help_no_case": "Ben konut kurumunuzun dijital asistanıyım. Ben bir bilgisayarım. "
        "Mesajınızı bir çalışana ileteceğim. "
        "Çalışan size burada Felemenkçe veya İngilizce cevap verecek. "
        "Sorunuz ne hakkında? Buraya yazabilirsiniz.\n"
        "/status: sorunuz kimde ve ne zaman cevap alacaksınız\n"
        "/mijngegevens: sizinle ilgili sakladığımız tüm bilgiler\n"
        "/vergeetmij: bilgilerinizi silin\n"
        "/help: bu liste",
        "employees_only_no_case": "Bu komut sadece çalışanlar içindir. "
        "Bir çalışanla mı konuşmak istiyorsunuz? Sorunuzu buraya yazmanız yeterli.",
        "welcome": "Hoş geldiniz. Ben dijital asistanım. Size nasıl yardımcı olabilirim?",
        "welcome_report_repair": "Hoş geldiniz. Ben dijital asistanım. "
        "Bir arıza bildirmek istiyorsunuz. Ne bozuk veya ne çalışmıyor? "
        "Kendi kelimelerinizle anlatın.",
        "welcome_rent_question": "Hoş geldiniz. Ben dijital asistanım. "
        "Kira hakkında bir sorunuz var. Ne öğrenmek istiyorsunuz? Kendi kelimelerinizle anlatın.",
        "welcome_nuisance": "Hoş geldiniz. Ben dijital asistanım. "
        "Bir rahatsızlık bildirmek istiyorsunuz. Ne oluyor? Kendi kelimelerinizle anlatın.",
        "status_no_case": "Şu anda bir çalışanda açık sorunuz yok. "
        "Size nasıl yardımcı olabilirim? Her zaman bir çalışanla konuşmak isteyebilirsiniz.",
        "my_data_caption": "Bunlar hakkınızda sakladığımız tüm bilgilerdir. "
        "Dosya, içinde ne olduğunu açıklıyor.",
        "my_data_web": "Tüm bilgilerinizi {url} adresinden indirebilirsiniz. "
        "Dosya, içinde ne olduğunu açıklıyor. Bağlantı sadece bu tarayıcıda çalışır.",
        "forget_ask": "Hakkınızdaki her şeyi silmemizi istiyor musunuz? "
        "O zaman mesajlarınızı, adınızı ve dijital asistanla konuşmalarınızı sileriz. "
        "Açık bir sorunuz var mı? O zaman onu kapatırız ve çalışana haber veririz. "
        "Kurum bazı bilgileri yasaya göre saklamak zorundadır. "
        "Örneğin kira sözleşmenizi ve ödemelerinizi. Bu bilgiler bu sohbette yoktur. "
        "Sadece adınız olmadan sayıları saklarız, örneğin kaç soru olduğunu. Emin misiniz? "
        "Silme işlemi geri alınamaz.",
        "forget_yes": "Evet, her şeyi sil",
        "forget_no": "Hayır, silme",
        "forget_kept": "Tamam, hiçbir şey silmiyoruz. Bilgileriniz olduğu gibi kalıyor.",
        "forgotten": "Hakkınızdaki her şeyi sildik. "
        "Daha sonra tekrar yazarsanız, eski bilgileriniz olmadan yeniden başlarız.",
        "export_intro": "Bunlar Aandacht'ın hakkınızda sakladığı tüm bilgilerdir. "
        "Aandacht, konut kurumunuzun sohbetidir. Dosyanın dört bölümü var.\n1. Hakkınızda: "
        "bize nasıl ulaştığınız.\n2. Mesajlarınız: sohbette sizin ve bizim yazdığımız her şey.\n"
        "3. Sorularınız: "
        "size hangi çalışanın yardım ettiği, notları ve sonradan verdiğiniz cevaplar.\n"
        "4. Dijital asistan: sizinle her konuşmadan sakladıkları.\n"
        "Her şeyi silmemizi istiyor musunuz? O zaman sohbette /vergeetmij gönderin.",
        "web_title": "Sohbet",
        "web_intro": "Sorunuzu buraya yazın. Önce dijital asistanla konuşursunuz. "
        "Bir çalışana her zaman ulaşabilirsiniz.",
        "web_label": "Mesajınız",
        "web_placeholder": "Mesajınızı yazın…",
        "web_send": "Gönder",
        "web_not_arrived": "Mesajınız ulaşmadı. Lütfen tekrar deneyin.",
        "web_slow_down": "Kısa sürede çok mesaj gönderiyorsunuz. Bu mesaj ulaşmadı. "
        "Bir dakika bekleyin ve sonra tekrar gönderin.",
        "web_too_long": "Mesajınız çok uzun. Birkaç kısa mesaj halinde gönderebilir misiniz?",
        "web_too_many_chats": "Adresinizden az önce çok sayıda konuşma başladı. "
        "Bir saat sonra tekrar deneyin.",
    },
    "ar": {
        "essentials": "مرحبًا. أنا المساعد الرقمي لمؤسسة الإسكان الخاصة بك. أنا حاسوب. "
        "سأرسل رسالتك إلى موظف. سيرد عليك الموظف هنا باللغة الهولندية أو الإنجليزية. "
        "ما موضوع سؤالك؟ يمكنك أن تكتبه هنا.",
        "safety": "هل هناك خطر؟ اتصل فورًا بالرقم 112. هل تشم رائحة غاز أو هناك عطل عاجل؟ "
        "اتصل بخدمة الأعطال ليلًا ونهارًا: {storingsdienst}.",
        "handed_over": "سيساعدك {employee}. يستطيع {employee} قراءة محادثتنا كلها. "
        "ستحصل على رد هنا قبل الساعة {time} يوم {date}.",
        "claimed": "يعمل {employee} الآن على سؤالك.",
        "closed": "تم إغلاق سؤالك من قبل {employee}. هل لديك سؤال آخر؟ اكتبه هنا.",
        "feedback_heard": "هل يمكنني أن أسألك سؤالين قصيرين؟ هل شعرت أننا استمعنا إليك؟ "
        "اختر رقمًا: 1 يعني أبدًا، 5 يعني تمامًا.",
        "feedback_repeated": "هل اضطررت إلى شرح سؤالك أكثر من مرة؟",
        "feedback_thanks": "شكرًا لك. إجابتك تساعدنا على تحسين مساعدتنا.",
        "yes": "نعم",
        "no": "لا",
        "status_waiting": "سؤالك (الملف {case_id}) لدى {employee}. "
        "يستطيع {employee} قراءة محادثتنا كلها. "
        "سيرد عليك شخص هنا قبل الساعة {time} يوم {date}.",
        "status_late": "سؤالك (الملف {case_id}) لدى {employee}. "
        "الأمر يستغرق وقتًا أطول مما وعدناك. نعتذر عن ذلك. "
        "سيرد عليك شخص هنا في أقرب وقت ممكن.",
        "status_claimed": "سؤالك (الملف {case_id}) لدى {employee}. "
        "يعمل {employee} عليه الآن. ستحصل على الرد هنا.",
        "help": "أنا المساعد الرقمي لمؤسسة الإسكان الخاصة بك. أنا حاسوب. سؤالك لدى موظف. "
        "سيرد عليك الموظف هنا باللغة الهولندية أو الإنجليزية. يمكنك أن تكتب له هنا.\n"
        "/status: من لديه سؤالك ومتى يصلك الرد\n"
        "/mijngegevens: كل البيانات التي نحفظها عنك\n"
        "/vergeetmij: حذف بياناتك\n"
        "/help: هذه القائمة",
        "transferred": "سؤالك الآن لدى {employee}. السبب (بالهولندية): «{reason}». "
        "يستطيع {employee} قراءة محادثتنا كلها. "
        "ستحصل على رد هنا قبل الساعة {time} يوم {date}.",
        "reassigned": "لم يتمكن {former} من البدء في سؤالك بعد. "
        "لذلك سؤالك الآن لدى {employee}. يستطيع {employee} قراءة محادثتنا كلها. "
        "ستحصل على رد هنا قبل الساعة {time} يوم {date}.",
        "file_with_case": "شكرًا لك. لقد حفظت هذا مع سؤالك. يستطيع {employee} رؤيته.",
        "file_elsewhere": "أرسل لك {employee} ملفًا. لا تستطيع الدردشة على الموقع عرضه. "
        "هل تحتاج إليه؟ اكتب ذلك هنا.",
        "not_processed": "نأسف. حدث خطأ في رسالتك الأخيرة. يعرف {employee} ذلك الآن. "
        "هل يمكنك إرسالها مرة أخرى بكلمات أخرى؟",
        "employees_only": "هذا الأمر للموظفين فقط. سؤالك لدى موظف بالفعل. اكتب هنا فقط.",
        "help_no_case": "أنا المساعد الرقمي لمؤسسة الإسكان الخاصة بك. أنا حاسوب. "
        "سأرسل رسالتك إلى موظف. "
        "سيرد عليك الموظف هنا باللغة الهولندية أو الإنجليزية. "
        "ما موضوع سؤالك؟ يمكنك أن تكتبه هنا.\n"
        "/status: من لديه سؤالك ومتى يصلك الرد\n"
        "/mijngegevens: كل البيانات التي نحفظها عنك\n"
        "/vergeetmij: حذف بياناتك\n"
        "/help: هذه القائمة",
        "employees_only_no_case": "هذا الأمر للموظفين فقط. "
        "هل تريد التحدث إلى موظف؟ اكتب سؤالك هنا فقط.",
        "welcome": "مرحبًا بك. أنا المساعد الرقمي. كيف يمكنني مساعدتك؟",
        "welcome_report_repair": "مرحبًا بك. أنا المساعد الرقمي. "
        "تريد الإبلاغ عن عطل يحتاج إلى إصلاح. ما الذي تعطل أو لا يعمل؟ اشرح ذلك بكلماتك.",
        "welcome_rent_question": "مرحبًا بك. أنا المساعد الرقمي. لديك سؤال عن الإيجار. "
        "ماذا تريد أن تعرف؟ اشرح ذلك بكلماتك.",
        "welcome_nuisance": "مرحبًا بك. أنا المساعد الرقمي. تريد الإبلاغ عن إزعاج. ماذا يحدث؟ "
        "اشرح ذلك بكلماتك.",
        "status_no_case": "ليس لديك الآن سؤال مفتوح لدى موظف. كيف يمكنني مساعدتك؟ "
        "يمكنك دائمًا أن تطلب التحدث مع موظف.",
        "my_data_caption": "هذه كل البيانات التي نحفظها عنك. يشرح الملف ما فيه.",
        "my_data_web": "يمكنك تنزيل كل بياناتك من {url}. يشرح الملف ما فيه. "
        "يعمل الرابط في هذا المتصفح فقط.",
        "forget_ask": "هل تريد أن نمسح كل شيء عنك؟ "
        "عندها نمسح رسائلك واسمك ومحادثاتك مع المساعد الرقمي. هل لديك سؤال مفتوح؟ "
        "عندها نغلقه ونخبر الموظف بذلك. يجب على المؤسسة حسب القانون أن تحفظ بعض البيانات. "
        "مثل عقد الإيجار ومدفوعاتك. هذه البيانات ليست في هذه الدردشة. "
        "نحفظ فقط أرقامًا بدون اسمك، مثل عدد الأسئلة. هل أنت متأكد؟ لا يمكن التراجع عن المسح.",
        "forget_yes": "نعم، امسح كل شيء",
        "forget_no": "لا، لا تمسح",
        "forget_kept": "حسنًا، لن نمسح شيئًا. تبقى بياناتك كما كانت.",
        "forgotten": "لقد مسحنا كل شيء عنك. "
        "إذا كتبت لنا لاحقًا، نبدأ من جديد بدون بياناتك القديمة.",
        "export_intro": "هذه كل البيانات التي يحفظها Aandacht عنك. "
        "Aandacht هو الدردشة الخاصة بمؤسسة الإسكان. للملف أربعة أجزاء.\n1. عنك: "
        "كيف تتواصل معنا.\n2. رسائلك: كل ما كتبته أنت وكتبناه نحن في الدردشة.\n3. أسئلتك: "
        "أي موظف ساعدك، وملاحظاته، وإجاباتك بعد ذلك.\n4. المساعد الرقمي: "
        "ما حفظه من كل محادثة معك.\nهل تريد أن نمسح كل شيء؟ أرسل عندها /vergeetmij في الدردشة.",
        "web_title": "الدردشة",
        "web_intro": "اكتب سؤالك هنا. تتحدث أولًا مع المساعد الرقمي. يمكنك دائمًا الوصول إلى موظف.",
        "web_label": "رسالتك",
        "web_placeholder": "اكتب رسالتك…",
        "web_send": "أرسل",
        "web_not_arrived": "لم تصل رسالتك. حاول مرة أخرى.",
        "web_slow_down": "أنت ترسل رسائل كثيرة في وقت قصير. لم تصل هذه الرسالة. "
        "انتظر دقيقة ثم أرسلها مرة أخرى.",
        "web_too_long": "رسالتك طويلة جدًا. هل يمكنك إرسالها في بضع رسائل أقصر؟",
        "web_too_many_chats": "بدأت محادثات كثيرة من عنوانك قبل قليل. حاول مرة أخرى بعد ساعة.",
    },
    "pl": {
        "essentials": "Dzień dobry. Jestem cyfrowym asystentem korporacji mieszkaniowej. "
        "Jestem komputerem. Przekażę wiadomość pracownikowi. "
        "Pracownik odpowie tutaj po niderlandzku lub po angielsku. "
        "Czego dotyczy sprawa? Można to napisać tutaj.",
        "safety": "Czy jest zagrożenie? Proszę od razu dzwonić pod 112. Czuć gaz albo potrzebna "
        "jest pilna naprawa? Proszę dzwonić do pogotowia technicznego, całą dobę: "
        "{storingsdienst}.",
        "handed_over": "{employee} pomoże w tej sprawie. "
        "{employee} może przeczytać całą naszą rozmowę. "
        "Odpowiedź pojawi się tutaj najpóźniej {date} o godzinie {time}.",
        "claimed": "{employee} zajmuje się teraz tą sprawą.",
        "closed": "Sprawa jest zamknięta ({employee}). Czy jest jeszcze inne pytanie? "
        "Można je napisać tutaj.",
        "feedback_heard": "Czy mogę zadać dwa krótkie pytania? Czy czuli się Państwo wysłuchani? "
        "Proszę wybrać liczbę: 1 to wcale, 5 to całkowicie.",
        "feedback_repeated": "Czy trzeba było wyjaśniać sprawę więcej niż raz?",
        "feedback_thanks": "Dziękujemy. Ta odpowiedź pomaga nam lepiej pomagać.",
        "yes": "Tak",
        "no": "Nie",
        "status_waiting": "Sprawa (numer {case_id}) jest u pracownika: {employee}. "
        "{employee} może przeczytać całą naszą rozmowę. "
        "Odpowiedź od człowieka pojawi się tutaj najpóźniej {date} o godzinie {time}.",
        "status_late": "Sprawa (numer {case_id}) jest u pracownika: {employee}. "
        "Trwa to dłużej, niż obiecaliśmy. Przepraszamy. "
        "Odpowiedź od człowieka pojawi się tutaj jak najszybciej.",
        "status_claimed": "Sprawa (numer {case_id}) jest u pracownika: {employee}. "
        "{employee} zajmuje się nią teraz. Odpowiedź pojawi się tutaj.",
        "help": "Jestem cyfrowym asystentem korporacji mieszkaniowej. Jestem komputerem. "
        "Sprawa jest już u pracownika. Pracownik odpowie tutaj po niderlandzku lub po "
        "angielsku. Można do niego pisać tutaj.\n"
        "/status: u kogo jest sprawa i kiedy będzie odpowiedź\n"
        "/mijngegevens: wszystkie dane, które przechowujemy\n"
        "/vergeetmij: usunięcie danych\n"
        "/help: ta lista",
        "transferred": "Sprawa jest teraz u pracownika: {employee}. "
        "Powód (po niderlandzku): „{reason}”. {employee} może przeczytać całą naszą rozmowę. "
        "Odpowiedź pojawi się tutaj najpóźniej {date} o godzinie {time}.",
        "reassigned": "{former} nie może jeszcze zająć się sprawą. "
        "Dlatego sprawa jest teraz u pracownika: {employee}. "
        "{employee} może przeczytać całą naszą rozmowę. "
        "Odpowiedź pojawi się tutaj najpóźniej {date} o godzinie {time}.",
        "file_with_case": "Dziękujemy. Zostało to zapisane przy tej sprawie. "
        "{employee} może to zobaczyć.",
        "file_elsewhere": "{employee} przesyła plik. Czat na stronie nie może go pokazać. "
        "Czy ten plik jest potrzebny? Proszę napisać to tutaj.",
        "not_processed": "Przepraszamy. Coś poszło nie tak z ostatnią wiadomością. "
        "{employee} już o tym wie. Czy można wysłać ją jeszcze raz, innymi słowami?",
        "employees_only": "To polecenie jest tylko dla pracowników. "
        "Sprawa jest już u pracownika. Wystarczy napisać tutaj.",
        "help_no_case": "Jestem cyfrowym asystentem korporacji mieszkaniowej. Jestem komputerem. "
        "Przekażę wiadomość pracownikowi. "
        "Pracownik odpowie tutaj po niderlandzku lub po angielsku. "
        "Czego dotyczy sprawa? Można to napisać tutaj.\n"
        "/status: u kogo jest sprawa i kiedy będzie odpowiedź\n"
        "/mijngegevens: wszystkie dane, które przechowujemy\n"
        "/vergeetmij: usunięcie danych\n"
        "/help: ta lista",
        "employees_only_no_case": "To polecenie jest tylko dla pracowników. "
        "Rozmowa z pracownikiem? Wystarczy napisać pytanie tutaj.",
        "welcome": "Witamy. Jestem cyfrowym asystentem. W czym mogę pomóc?",
        "welcome_report_repair": "Witamy. Jestem cyfrowym asystentem. "
        "Chodzi o zgłoszenie naprawy. Co jest zepsute albo co nie działa? "
        "Proszę opisać to własnymi słowami.",
        "welcome_rent_question": "Witamy. Jestem cyfrowym asystentem. Chodzi o pytanie o czynsz. "
        "Co chcą Państwo wiedzieć? Proszę opisać to własnymi słowami.",
        "welcome_nuisance": "Witamy. Jestem cyfrowym asystentem. "
        "Chodzi o zgłoszenie uciążliwości. Co się dzieje? Proszę opisać to własnymi słowami.",
        "status_no_case": "Teraz nie ma otwartej sprawy u pracownika. W czym mogę pomóc? "
        "Zawsze można poprosić o rozmowę z pracownikiem.",
        "my_data_caption": "To są wszystkie dane, które o Państwu przechowujemy. "
        "Plik wyjaśnia, co zawiera.",
        "my_data_web": "Wszystkie dane można pobrać tutaj: {url}. Plik wyjaśnia, co zawiera. "
        "Link działa tylko w tej przeglądarce.",
        "forget_ask": "Czy mamy usunąć wszystkie dane o Państwu? "
        "Wtedy usuniemy wiadomości, imię i nazwisko oraz rozmowy z cyfrowym asystentem. "
        "Czy jest otwarta sprawa? Wtedy ją zamkniemy, a pracownik dostanie o tym wiadomość. "
        "Niektóre dane korporacja musi przechowywać zgodnie z prawem. "
        "Na przykład umowę najmu i płatności. Tych danych nie ma w tym czacie. "
        "Zostawiamy tylko liczby bez imienia i nazwiska, na przykład ile było pytań. "
        "Czy na pewno? Usunięcia nie można cofnąć.",
        "forget_yes": "Tak, usuń wszystko",
        "forget_no": "Nie, nie usuwaj",
        "forget_kept": "Dobrze, niczego nie usuwamy. Dane zostają takie, jakie były.",
        "forgotten": "Usunęliśmy wszystkie dane o Państwu. "
        "Jeśli napiszą Państwo później, zaczniemy od nowa, bez starych danych.",
        "export_intro": "To są wszystkie dane, które Aandacht o Państwu przechowuje. "
        "Aandacht to czat korporacji mieszkaniowej. Plik ma cztery części.\n1. O Państwu: "
        "jak się z nami kontaktować.\n2. Wiadomości: "
        "wszystko, co Państwo i my napisaliśmy na czacie.\n3. Sprawy: "
        "który pracownik pomagał, jego notatki i odpowiedzi po zakończeniu.\n"
        "4. Cyfrowy asystent: co zapisał z każdej rozmowy.\nCzy mamy usunąć wszystkie dane? "
        "Proszę wysłać /vergeetmij na czacie.",
        "web_title": "Czat",
        "web_intro": "Proszę zadać pytanie tutaj. Najpierw odpowiada cyfrowy asystent. "
        "Pracownik jest zawsze dostępny.",
        "web_label": "Wiadomość",
        "web_placeholder": "Proszę wpisać wiadomość…",
        "web_send": "Wyślij",
        "web_not_arrived": "Wiadomość nie dotarła. Proszę spróbować jeszcze raz.",
        "web_slow_down": "Wysłano wiele wiadomości w krótkim czasie. Ta wiadomość nie dotarła. "
        "Proszę odczekać minutę i wysłać ją ponownie.",
        "web_too_long": "Wiadomość jest za długa. "
        "Czy można ją wysłać w kilku krótszych wiadomościach?",
        "web_too_many_chats": "Z tego adresu zaczęło się właśnie wiele rozmów. "
        "Proszę spróbować ponownie za godzinę.",
    },
    "de": {
        "essentials": "Guten Tag. Ich bin der digitale Assistent Ihrer Wohnungsbaugesellschaft. "
        "Ich bin ein Computer. Ich gebe Ihre Nachricht an einen Mitarbeiter weiter. "
        "Sie bekommen hier eine Antwort auf Niederländisch oder Englisch. "
        "Worum geht es? Sie können es hier schreiben.",
        "safety": "Besteht Gefahr? Rufen Sie sofort 112 an. Riechen Sie Gas, oder ist es eine "
        "dringende Reparatur? Rufen Sie den Störungsdienst an, Tag und Nacht: {storingsdienst}.",
        "handed_over": "{employee} hilft Ihnen weiter. {employee} kann unser ganzes Gespräch "
        "lesen. Sie bekommen hier eine Antwort, spätestens am {date} um {time} Uhr.",
        "claimed": "{employee} bearbeitet jetzt Ihre Frage.",
        "closed": "{employee} hat Ihre Frage abgeschlossen. Haben Sie noch eine Frage? "
        "Dann schreiben Sie sie hier.",
        "feedback_heard": "Darf ich Ihnen zwei kurze Fragen stellen? Haben Sie sich gehört "
        "gefühlt? Wählen Sie eine Zahl: 1 ist gar nicht, 5 ist völlig.",
        "feedback_repeated": "Mussten Sie Ihre Frage mehr als einmal erklären?",
        "feedback_thanks": "Vielen Dank. Ihre Antwort hilft uns, besser zu helfen.",
        "yes": "Ja",
        "no": "Nein",
        "status_waiting": "Ihre Frage (Fall {case_id}) liegt bei {employee}. "
        "{employee} kann unser ganzes Gespräch lesen. "
        "Ein Mensch antwortet Ihnen hier, spätestens am {date} um {time} Uhr.",
        "status_late": "Ihre Frage (Fall {case_id}) liegt bei {employee}. "
        "Es dauert länger als versprochen. Das tut uns leid. "
        "Ein Mensch antwortet Ihnen hier so schnell wie möglich.",
        "status_claimed": "Ihre Frage (Fall {case_id}) liegt bei {employee}. "
        "{employee} bearbeitet sie gerade. Sie bekommen hier eine Antwort.",
        "help": "Ich bin der digitale Assistent Ihrer Wohnungsbaugesellschaft. "
        "Ich bin ein Computer. Ihre Frage liegt bei einem Mitarbeiter. "
        "Sie bekommen hier eine Antwort auf Niederländisch oder Englisch. "
        "Sie können hier weiter schreiben.\n"
        "/status: bei wem Ihre Frage liegt, und bis wann\n"
        "/mijngegevens: alle Daten, die wir über Sie speichern\n"
        "/vergeetmij: Ihre Daten löschen\n"
        "/help: diese Übersicht",
        "transferred": "Ihre Frage liegt jetzt bei {employee}. "
        "Der Grund (auf Niederländisch): „{reason}“. {employee} kann unser ganzes Gespräch "
        "lesen. Sie bekommen hier eine Antwort, spätestens am {date} um {time} Uhr.",
        "reassigned": "{former} konnte Ihre Frage noch nicht bearbeiten. "
        "Deshalb liegt Ihre Frage jetzt bei {employee}. "
        "{employee} kann unser ganzes Gespräch lesen. "
        "Sie bekommen hier eine Antwort, spätestens am {date} um {time} Uhr.",
        "file_with_case": "Danke. Ich habe das bei Ihrer Frage gespeichert. "
        "{employee} kann es sehen.",
        "file_elsewhere": "{employee} hat Ihnen eine Datei geschickt. Der Web-Chat kann sie "
        "nicht zeigen. Brauchen Sie die Datei? Dann schreiben Sie es hier.",
        "not_processed": "Das tut mir leid. Bei Ihrer letzten Nachricht ist etwas "
        "schiefgegangen. {employee} weiß jetzt Bescheid. "
        "Können Sie sie noch einmal senden, mit anderen Worten?",
        "employees_only": "Dieser Befehl ist nur für Mitarbeiter. "
        "Ihre Frage liegt schon bei einem Mitarbeiter. Schreiben Sie einfach hier.",
        "help_no_case": "Ich bin der digitale Assistent Ihrer Wohnungsbaugesellschaft. "
        "Ich bin ein Computer. "
        "Ich gebe Ihre Nachricht an einen Mitarbeiter weiter. "
        "Sie bekommen hier eine Antwort auf Niederländisch oder Englisch. "
        "Worum geht es? Sie können es hier schreiben.\n"
        "/status: bei wem Ihre Frage liegt, und bis wann\n"
        "/mijngegevens: alle Daten, die wir über Sie speichern\n"
        "/vergeetmij: Ihre Daten löschen\n"
        "/help: diese Übersicht",
        "employees_only_no_case": "Dieser Befehl ist nur für Mitarbeiter. "
        "Möchten Sie mit einem Mitarbeiter sprechen? Schreiben Sie Ihre Frage einfach hier.",
        "welcome": "Willkommen. Ich bin der digitale Assistent. Wie kann ich Ihnen helfen?",
        "welcome_report_repair": "Willkommen. Ich bin der digitale Assistent. "
        "Sie möchten eine Reparatur melden. Was ist kaputt, oder was funktioniert nicht? "
        "Erzählen Sie es in Ihren eigenen Worten.",
        "welcome_rent_question": "Willkommen. Ich bin der digitale Assistent. "
        "Sie haben eine Frage zur Miete. Was möchten Sie wissen? "
        "Erzählen Sie es in Ihren eigenen Worten.",
        "welcome_nuisance": "Willkommen. Ich bin der digitale Assistent. "
        "Sie möchten eine Belästigung melden. Was ist los? "
        "Erzählen Sie es in Ihren eigenen Worten.",
        "status_no_case": "Sie haben jetzt keine offene Frage bei einem Mitarbeiter. "
        "Wie kann ich Ihnen helfen? Sie können auch immer nach einem Mitarbeiter fragen.",
        "my_data_caption": "Das sind alle Daten, die wir über Sie speichern. "
        "Die Datei erklärt, was darin steht.",
        "my_data_web": "Sie können alle Ihre Daten unter {url} herunterladen. "
        "Die Datei erklärt, was darin steht. Der Link funktioniert nur in diesem Browser.",
        "forget_ask": "Sollen wir alles über Sie löschen? "
        "Dann löschen wir Ihre Nachrichten, Ihren Namen und Ihre Gespräche mit dem digitalen "
        "Assistenten. "
        "Haben Sie eine offene Frage? "
        "Dann schließen wir sie, und der Mitarbeiter bekommt Bescheid. "
        "Manche Daten muss die Gesellschaft laut Gesetz aufbewahren. "
        "Zum Beispiel Ihren Mietvertrag und Ihre Zahlungen. "
        "Diese Daten stehen nicht in diesem Chat. "
        "Wir behalten nur Zahlen ohne Ihren Namen, zum Beispiel wie viele Fragen es gab. "
        "Sind Sie sicher? Löschen kann nicht rückgängig gemacht werden.",
        "forget_yes": "Ja, alles löschen",
        "forget_no": "Nein, nicht löschen",
        "forget_kept": "Gut, wir löschen nichts. Ihre Daten bleiben, wie sie waren.",
        "forgotten": "Wir haben alles über Sie gelöscht. "
        "Schreiben Sie uns später wieder, dann beginnen wir neu, ohne Ihre alten Daten.",
        "export_intro": "Das sind alle Daten, die Aandacht über Sie speichert. "
        "Aandacht ist der Chat Ihrer Wohnungsbaugesellschaft. Die Datei hat vier Teile.\n"
        "1. Über Sie: wie Sie uns erreichen.\n2. Ihre Nachrichten: "
        "alles, was Sie und wir im Chat schrieben.\n3. Ihre Fragen: "
        "welcher Mitarbeiter Ihnen half, seine Notizen und Ihre Antworten danach.\n"
        "4. Der digitale Assistent: was er von jedem Gespräch mit Ihnen speicherte.\n"
        "Sollen wir alles löschen? Dann senden Sie /vergeetmij im Chat.",
        "web_title": "Chat",
        "web_intro": "Stellen Sie hier Ihre Frage. "
        "Sie sprechen zuerst mit dem digitalen Assistenten. Ein Mitarbeiter ist immer erreichbar.",
        "web_label": "Ihre Nachricht",
        "web_placeholder": "Schreiben Sie Ihre Nachricht…",
        "web_send": "Senden",
        "web_not_arrived": "Ihre Nachricht ist nicht angekommen. "
        "Bitte versuchen Sie es noch einmal.",
        "web_slow_down": "Sie senden viele Nachrichten kurz nacheinander. "
        "Diese Nachricht ist nicht angekommen. "
        "Warten Sie eine Minute und senden Sie sie dann noch einmal.",
        "web_too_long": "Ihre Nachricht ist zu lang. "
        "Können Sie sie in einigen kürzeren Nachrichten senden?",
        "web_too_many_chats": "Von Ihrer Adresse haben gerade viele Gespräche begonnen. "
        "Versuchen Sie es in einer Stunde noch einmal.",
    },
    "fr": {
        "essentials": "Bonjour. Je suis l'assistant numérique de votre société de logement. "
        "Je suis un ordinateur. Je transmets votre message à un employé. "
        "Il vous répondra ici en néerlandais ou en anglais. "
        "De quoi s'agit-il ? Vous pouvez l'écrire ici.",
        "safety": "Y a-t-il un danger ? Appelez tout de suite le 112. Vous sentez le gaz, ou "
        "c'est une réparation urgente ? Appelez le service de dépannage, jour et nuit : "
        "{storingsdienst}.",
        "handed_over": "{employee} va vous aider. {employee} peut lire toute notre conversation. "
        "Vous aurez une réponse ici avant {time} le {date}.",
        "claimed": "{employee} s'occupe maintenant de votre question.",
        "closed": "{employee} a clôturé votre question. Avez-vous une autre question ? "
        "Écrivez-la ici.",
        "feedback_heard": "Puis-je vous poser deux courtes questions ? Vous êtes-vous senti(e) "
        "écouté(e) ? Choisissez un chiffre : 1 pas du tout, 5 tout à fait.",
        "feedback_repeated": "Avez-vous dû expliquer votre question plus d'une fois ?",
        "feedback_thanks": "Merci. Votre réponse nous aide à mieux vous aider.",
        "yes": "Oui",
        "no": "Non",
        "status_waiting": "Votre question (dossier {case_id}) a été confiée à {employee}. "
        "{employee} peut lire toute notre conversation. "
        "Une personne vous répondra ici avant {time} le {date}.",
        "status_late": "Votre question (dossier {case_id}) a été confiée à {employee}. "
        "Cela prend plus de temps que promis. Nous en sommes désolés. "
        "Une personne vous répondra ici dès que possible.",
        "status_claimed": "Votre question (dossier {case_id}) a été confiée à {employee}. "
        "{employee} s'en occupe maintenant. Vous aurez une réponse ici.",
        "help": "Je suis l'assistant numérique de votre société de logement. "
        "Je suis un ordinateur. Votre question a été confiée à un employé. "
        "Il vous répondra ici en néerlandais ou en anglais. Vous pouvez lui écrire ici.\n"
        "/status : qui a votre question, et pour quand\n"
        "/mijngegevens : toutes les données que nous gardons sur vous\n"
        "/vergeetmij : effacer vos données\n"
        "/help : cette liste",
        "transferred": "Votre question est maintenant confiée à {employee}. "
        "La raison (en néerlandais) : « {reason} ». {employee} peut lire toute notre "
        "conversation. Vous aurez une réponse ici avant {time} le {date}.",
        "reassigned": "{former} n'a pas encore pu s'occuper de votre question. "
        "Elle est donc maintenant confiée à {employee}. "
        "{employee} peut lire toute notre conversation. "
        "Vous aurez une réponse ici avant {time} le {date}.",
        "file_with_case": "Merci. J'ai gardé ceci avec votre question. {employee} peut le voir.",
        "file_elsewhere": "{employee} vous a envoyé un fichier. Le chat web ne peut pas "
        "l'afficher. En avez-vous besoin ? Alors dites-le ici à {employee}.",
        "not_processed": "Désolé. Un problème est survenu avec votre dernier message. "
        "{employee} est au courant. Pouvez-vous l'envoyer à nouveau, avec d'autres mots ?",
        "employees_only": "Cette commande est réservée aux employés. "
        "Votre question a déjà été confiée à un employé. Écrivez simplement ici.",
        "help_no_case": "Je suis l'assistant numérique de votre société de logement. "
        "Je suis un ordinateur. "
        "Je transmets votre message à un employé. "
        "Il vous répondra ici en néerlandais ou en anglais. "
        "De quoi s'agit-il ? Vous pouvez l'écrire ici.\n"
        "/status : qui a votre question, et pour quand\n"
        "/mijngegevens : toutes les données que nous gardons sur vous\n"
        "/vergeetmij : effacer vos données\n"
        "/help : cette liste",
        "employees_only_no_case": "Cette commande est réservée aux employés. "
        "Vous voulez parler à un employé ? Écrivez simplement votre question ici.",
        "welcome": "Bienvenue. Je suis l'assistant numérique. Comment puis-je vous aider ?",
        "welcome_report_repair": "Bienvenue. Je suis l'assistant numérique. "
        "Vous voulez signaler une réparation. "
        "Qu'est-ce qui est cassé, ou qu'est-ce qui ne marche pas ? "
        "Dites-le avec vos propres mots.",
        "welcome_rent_question": "Bienvenue. Je suis l'assistant numérique. "
        "Vous avez une question sur le loyer. Que voulez-vous savoir ? "
        "Dites-le avec vos propres mots.",
        "welcome_nuisance": "Bienvenue. Je suis l'assistant numérique. "
        "Vous voulez signaler une nuisance. Que se passe-t-il ? Dites-le avec vos propres mots.",
        "status_no_case": "Vous n'avez pas de question ouverte auprès d'un employé en ce moment. "
        "Comment puis-je vous aider ? Vous pouvez toujours demander un employé.",
        "my_data_caption": "Voici toutes les données que nous gardons sur vous. "
        "Le fichier explique ce qu'il contient.",
        "my_data_web": "Vous pouvez télécharger toutes vos données sur {url}. "
        "Le fichier explique ce qu'il contient. Le lien ne marche que dans ce navigateur.",
        "forget_ask": "Voulez-vous que nous effacions tout ce qui vous concerne ? "
        "Nous effaçons alors vos messages, votre nom et vos conversations avec l'assistant "
        "numérique. "
        "Avez-vous une question ouverte ? Nous la fermons alors, et l'employé en est informé. "
        "La loi oblige la société à garder certaines données. "
        "Par exemple votre contrat de location et vos paiements. "
        "Ces données ne sont pas dans ce chat. "
        "Nous gardons seulement des chiffres sans votre nom, comme le nombre de questions. "
        "En êtes-vous sûr ? L'effacement est définitif.",
        "forget_yes": "Oui, tout effacer",
        "forget_no": "Non, ne pas effacer",
        "forget_kept": "Bien, nous n'effaçons rien. Vos données restent comme elles étaient.",
        "forgotten": "Nous avons effacé tout ce qui vous concerne. "
        "Si vous nous écrivez plus tard, nous recommençons sans vos anciennes données.",
        "export_intro": "Voici toutes les données qu'Aandacht garde sur vous. "
        "Aandacht est le chat de votre société de logement. Le fichier a quatre parties.\n"
        "1. Vous : comment vous nous contactez.\n2. Vos messages : "
        "tout ce que vous et nous avons écrit dans le chat.\n3. Vos questions : "
        "quel employé vous a aidé, ses notes et vos réponses ensuite.\n"
        "4. L'assistant numérique : ce qu'il a gardé de chaque conversation avec vous.\n"
        "Voulez-vous que nous effacions tout ? Envoyez alors /vergeetmij dans le chat.",
        "web_title": "Chat",
        "web_intro": "Posez votre question ici. Vous parlez d'abord avec l'assistant numérique. "
        "Un employé est toujours joignable.",
        "web_label": "Votre message",
        "web_placeholder": "Tapez votre message…",
        "web_send": "Envoyer",
        "web_not_arrived": "Votre message n'est pas arrivé. Réessayez, s'il vous plaît.",
        "web_slow_down": "Vous envoyez beaucoup de messages en peu de temps. "
        "Ce message n'est pas arrivé. Attendez une minute, puis envoyez-le à nouveau.",
        "web_too_long": "Votre message est trop long. "
        "Pouvez-vous l'envoyer en quelques messages plus courts ?",
        "web_too_many_chats": "Beaucoup de conversations viennent de commencer depuis votre "
        "adresse. "
        "Réessayez dans une heure.",
    },
}


def in_language(language: str) -> dict[str, str]:
    """The texts for a tenant who writes `language` (ISO 639-1): its own, else English."""
    return IN_OTHER_LANGUAGES.get(language) or IN_OTHER_LANGUAGES["en"]


def essentials_in(language: str, storingsdienst: str) -> str:
    """The first answer to a tenant who writes another language: who answers them, and (as the
    app cannot tell an emergency in their words) what to do in danger."""
    said = in_language(language)
    return said["essentials"] + "\n\n" + said["safety"].format(storingsdienst=storingsdienst)


def to_tenant(language: str, key: str, dutch: str) -> str:
    """What a case's tenant reads: the Dutch text, or its counterpart (`key`) in their language
    (cases.language)."""
    return dutch if language == DUTCH else in_language(language)[key]


def start_welcome(language: str, topic: str | None) -> str:
    """The welcome of /start in `language`: about the topic of a link on the website
    (START_WELCOMES), or a plain one."""
    if language == DUTCH:
        return START_WELCOMES[topic] if topic else START_WELCOME
    said = in_language(language)
    return said[f"welcome_{topic}"] if topic else said["welcome"]


def forget_answers(language: str) -> tuple[str, str]:
    """The titles of the two answers to /vergeetmij's question, in `language`."""
    return (
        to_tenant(language, "forget_yes", FORGET_YES),
        to_tenant(language, "forget_no", FORGET_NO),
    )


def web_chat_page(language: str) -> dict[str, str]:
    """What the web chat page itself says ("title", "intro", "send", …), in `language`; the
    foreign catalogue has each as "web_" + its key."""
    dutch = {
        "title": WEB_CHAT_TITLE,
        "intro": WEB_CHAT_INTRO,
        "label": WEB_CHAT_LABEL,
        "placeholder": WEB_CHAT_PLACEHOLDER,
        "send": WEB_CHAT_SEND,
        "not_arrived": WEB_CHAT_NOT_ARRIVED,
        "slow_down": WEB_CHAT_SLOW_DOWN,
        "too_long": WEB_CHAT_TOO_LONG,
        "too_many_chats": WEB_CHAT_TOO_MANY_CHATS,
    }
    return {key: to_tenant(language, f"web_{key}", text) for key, text in dutch.items()}


def _by_when(deadline: datetime) -> dict[str, str]:
    """A deadline as numbers, which every language reads: "13:00" and "02-12"."""
    local = deadline.astimezone(LOCAL)
    return {"time": f"{local:%H:%M}", "date": f"{local:%d-%m}"}


def handed_over_in(language: str, employee: str, deadline: datetime) -> str:
    """Who helps a tenant who writes another language, and by when: "before 13:00 on 02-12"."""
    return in_language(language)["handed_over"].format(employee=employee, **_by_when(deadline))


def status_waiting(
    language: str, case_id: int, employee: str, answer_by: datetime, now: datetime
) -> str:
    """/status while the owner has yet to take the case up, in the case's language."""
    if language == DUTCH:
        return STATUS_WAITING.format(
            case_id=case_id, employee=employee, promise=promise(answer_by, now)
        )
    return in_language(language)["status_waiting"].format(
        case_id=case_id, employee=employee, **_by_when(answer_by)
    )


def transferred(
    language: str, employee: str, team: str, reason: str, answer_by: datetime, now: datetime
) -> str:
    """Who has the tenant's question after a transfer, why and by when. In another language
    the employee's note is quoted as they wrote it, in Dutch: it is why, and a translator (or
    the next employee) can read it; leaving it out would hide what a Dutch tenant is told."""
    if language == DUTCH:
        return TRANSFERRED.format(
            employee=employee, team=team, reason=reason, promise=promise(answer_by, now)
        )
    return in_language(language)["transferred"].format(
        employee=employee, reason=reason, **_by_when(answer_by)
    )


def reassigned(
    language: str, former: str, employee: str, team: str, answer_by: datetime, now: datetime
) -> str:
    """Who has the tenant's question after the owner did not take it up, and by when."""
    if language == DUTCH:
        return REASSIGNED.format(
            former=former, employee=employee, team=team, promise=promise(answer_by, now)
        )
    return in_language(language)["reassigned"].format(
        former=former, employee=employee, **_by_when(answer_by)
    )


# Their data under the AVG: /mijngegevens and /vergeetmij.
MY_DATA_CAPTION = (
    "Dit zijn alle gegevens die wij over u bewaren. Het bestand legt uit wat erin staat."
)
MY_DATA_WEB = (
    "U kunt al uw gegevens downloaden op {url}. Het bestand legt uit wat erin staat. "
    "De link werkt alleen in deze browser."
)
FORGET_ASK = (
    "Wilt u dat wij alles over u wissen? Dan wissen wij uw berichten, uw naam en uw gesprekken "
    "met de digitale assistent. Hebt u een open vraag? Dan sluiten wij die, en de medewerker "
    "krijgt daar bericht over. "
    "Sommige gegevens moet de corporatie volgens de wet bewaren, zoals uw huurcontract en uw "
    "betalingen. Die staan niet in deze chat. Wij houden alleen cijfers over zonder uw naam, "
    "zoals hoeveel vragen er waren. "
    "Weet u het zeker? Wissen kan niet ongedaan worden."
)
FORGET_YES = "Ja, wis alles"
FORGET_NO = "Nee, niet wissen"
FORGET_KEPT = "Goed, wij wissen niets. Uw gegevens blijven bewaard zoals ze waren."
FORGOTTEN = (
    "Wij hebben alles over u gewist. Stuurt u later weer een bericht? "
    "Dan beginnen wij opnieuw, zonder uw oude gegevens."
)

# The document /mijngegevens sends (and admins download on the desk).
EXPORT_FILE_NAME = "mijn-gegevens.txt"
EXPORT_TITLE = "Uw gegevens bij Aandacht"
EXPORT_MADE = "Gemaakt op {date}."
EXPORT_INTRO = (
    "Dit zijn alle gegevens die Aandacht over u bewaart. "
    "Aandacht is de chat van uw woningcorporatie. Het bestand heeft vier delen.\n"
    "1. Over u: hoe u ons bereikt.\n"
    "2. Uw berichten: alles wat u en wij in de chat schreven.\n"
    "3. Uw vragen: welke medewerker u hielp, hun notities en uw antwoorden na afloop.\n"
    "4. De digitale assistent: wat die van elk gesprek met u bewaarde.\n"
    "Wilt u dat wij alles wissen? Stuur dan /vergeetmij in de chat."
)
EXPORT_ABOUT = "1. Over u"
EXPORT_MESSAGES = "2. Uw berichten"
EXPORT_CASES = "3. Uw vragen"
EXPORT_ASSISTANT = "4. De digitale assistent"
EXPORT_BACKOFFICE = "5. Doorgegeven aan het systeem van de corporatie"
EXPORT_BACKOFFICE_LINE = "Zaak {case_id}: {line}"
EXPORT_CHANNEL = "Kanaal: {channel}"
EXPORT_NAME = "Naam: {name}"
EXPORT_SINCE = "Eerste bericht: {date}"
EXPORT_NOTHING = "(niets)"
CHANNEL_LABELS = {"telegram": "Telegram", "web": "webchat op de website"}
EXPORT_CASE = "Zaak {case_id}: {topic} ({status})"
EXPORT_CASE_OPENED = "Geopend: {date}"
EXPORT_CASE_CLOSED = "Afgesloten: {date}"
EXPORT_CASE_OWNER = "Medewerker: {employee}"
EXPORT_CASE_SUMMARY = "Samenvatting: {summary}"
EXPORT_CASE_LANGUAGE = "Uw taal: {language}"
EXPORT_CASE_DETAIL = "{name}: {value}"
EXPORT_CASE_NOTES = "Notities van medewerkers:"
EXPORT_FEEDBACK = "Uw antwoorden na afloop: gehoord {heard}, vaker uitleggen {repeated}."
EXPORT_NO_ANSWER = "geen antwoord"
DETAIL_LABELS = {
    "postcode": "Postcode",
    "house_number": "Huisnummer",
    addresses.NUMBER: "Huisnummer",
    addresses.LETTER: "Huisletter",
    addresses.ADDITION: "Toevoeging",
    "address_check": "Adres gecontroleerd",
    "nummeraanduiding_id": "BAG-nummeraanduiding",
    "adresseerbaarobject_id": "BAG-verblijfsobject",
    "repair_object": "Wat is er kapot",
    "repair_location": "Waar in de woning",
    "requested_employee": "Gevraagde medewerker",
}
# What the BAG check said (cases.details "address_check"), in the employees' and tenants' words.
ADDRESS_CHECKS = {
    "found": "gevonden in de BAG",
    "not_found": "niet gevonden in de BAG",
    "unchecked": "niet gecontroleerd",
}


def detail_value(key: str, value: Any) -> str:
    """A fact a case keeps, as a person reads it (the check's outcome in words)."""
    return ADDRESS_CHECKS.get(value, str(value)) if key == "address_check" else str(value)


EXPORT_CONVERSATION = "Gesprek {number} (nummer bij de assistent: {sender_id})"
EVENT_LABELS = {
    "user": "U",
    "bot": "Assistent",
    "slot": "Onthouden",
    "action": "Stap",
}
EXPORT_EVENT_INTENT = "{text} (begrepen als: {intent})"

# --- to employees -----------------------------------------------------------------------------

NOTIFICATION = (
    "<b>Zaak {case_id}</b> · {topic}\n"
    "Huurder: {tenant}\n"
    "Samenvatting ({confirmed}): {summary}\n"
    "{flags}"
    "{language}"
    "{address}"
    "{earlier}"
    "Voor u, omdat: {reason}.\n\n"
    "<b>Gesprek</b>\n{transcript}\n\n"
    "Het hele gesprek staat ook in het bestand hieronder. "
    "Antwoord de huurder door op dit bericht te reageren (antwoorden). "
    "Met de knoppen pakt u de zaak op, zet u hem door of sluit u hem af."
)
CONFIRMED = "bevestigd door de huurder"
NO_TEXT = "(geen tekst)"  # the summary of a case opened without a text message
FLAG_ASSISTANT_UNAVAILABLE = "assistent niet bereikbaar"
FLAG_NOT_PROCESSED = "bericht niet verwerkt"
# A tenant who writes another language (cases.language), in the notification and the desk.
LANGUAGE_ANSWER = "De huurder kreeg uitleg in die taal. Antwoord in het Nederlands of het Engels."
LANGUAGE_LINE = "Taal: {language}. " + LANGUAGE_ANSWER + "\n"
LANGUAGE_NAMES = {
    "nl": "Nederlands", "en": "Engels", "tr": "Turks", "ar": "Arabisch", "pl": "Pools",
    "de": "Duits", "fr": "Frans", "es": "Spaans",
}  # fmt: skip


def language_name(language: str) -> str:
    """A language (ISO 639-1) in the words employees use: "Turks"."""
    return LANGUAGE_NAMES.get(language, language)


NOT_CONFIRMED = "niet bevestigd"
FLAGS = "Let op: {flags}\n"
ADDRESS = "Adres: {address}\n"
ADDRESS_NOT_FOUND = "{address} (niet gevonden in de BAG)"


def address_line(details: Mapping[str, Any]) -> str:
    """The address a case keeps, as the desk and the owner's notification show it ("1011 AB
    12A-2"), marked when the BAG did not know it; "" when the case has none. Cases from before
    the BAG's parts keep the address as written ("postcode", "house_number")."""
    parts = {key: str(value) for key, value in details.items()}
    address = addresses.Address.from_parts(parts)
    if address is not None:
        code = address.postcode
        line = f"{code[:4]} {code[4:]} {address.house_number()}"
    else:
        line = " ".join(parts.get(key, "") for key in ("postcode", "house_number")).strip()
    if line and details.get("address_check") == "not_found":
        return ADDRESS_NOT_FOUND.format(address=line)
    return line


EARLIER_CASES = "Eerdere zaken:\n{cases}\n"
EARLIER_CASE = "· zaak {case_id}, {date}: {topic} ({status}, {owner})"
TRANSCRIPT_CAPTION = "Zaak {case_id}: het hele gesprek"
TRANSCRIPT_DOCUMENT = (
    "Zaak {case_id}\nHuurder: {tenant}\nOnderwerp: {topic}\n"
    "Samenvatting ({confirmed}): {summary}\n\n{transcript}\n"
)
CASE_STATUS = {"open": "open", "closed": "afgesloten"}
# Why a case is with its owner, after a change of owner ("Voor u, omdat: …").
REASON_TRANSFERRED = "doorgezet door {employee}: {note}"
REASON_TAKEN_OVER = "overgenomen van {employee}"
CLAIM_BUTTON = "Oppakken"
TRANSFER_BUTTON = "Doorzetten"
CLOSE_BUTTON = "Afsluiten"
CLOSE_SURE_BUTTON = "Ja, afsluiten"
SEE_BELOW = "Zie het bericht hieronder."
MISREAD_BUTTON = "De bot begreep dit verkeerd"
MISREAD_OK = "Dank u. De beheerder bekijkt wat de bot verkeerd begreep."
CLOSE_SURE = "Zaak {case_id} afsluiten? De huurder krijgt dan een bericht dat de vraag klaar is."
TRANSFER_WHO = (
    "Aan wie geeft u zaak {case_id}? Stuur bijvoorbeeld:\n"
    "/doorzetten {case_id} Sanne de Vries het gaat om overlast\n"
    "Noem een collega of een team, en schrijf erbij waarom."
)
REMINDER = (
    "Herinnering: zaak {case_id} ({topic}) van {tenant} wacht nog op u. "
    "De huurder verwacht {promise} antwoord. Pak de zaak op, of zet hem door."
)
TAKEN_OVER = "Zaak {case_id} is nu bij {employee}, omdat u hem nog niet had opgepakt."
TENANT_WROTE = "<b>Zaak {case_id}</b> · {tenant}:\n{text}"
TENANT_SENT_FILE = "Zaak {case_id} · {tenant} stuurde: {kind}"
CLAIM_OK = "U hebt zaak {case_id} opgepakt."
REPLY_OK = "Uw antwoord is verstuurd."
NOTE_OK = "De notitie is bewaard."
CASE_NOT_FOUND = "Zaak {case_id} bestaat niet."
CLAIM_TAKEN = "Zaak {case_id} is al opgepakt of afgesloten."
CLAIM_NOT_YOURS = "Zaak {case_id} is van {owner}. Alleen de eigenaar kan dit doen."
CASE_NOT_OPEN = "Zaak {case_id} is al afgesloten."
CLOSED_OK = "Zaak {case_id} is afgesloten. De huurder praat nu weer met de assistent."
WHICH_CASE = (
    "Over welke zaak gaat het? Antwoord op een bericht van die zaak, "
    "of noem het nummer: /afsluiten 12."
)
TRANSFER_NOTE = "Doorgezet naar {employee}. Notitie: {note}"
TRANSFER_OK = "Zaak {case_id} ligt nu bij {employee}. De huurder weet het."
TRANSFER_HOW = (
    "Zo zet u een zaak door: /doorzetten 12 Sanne de Vries waarom. "
    "Noem een collega of een team, en schrijf erbij waarom."
)
TRANSFER_NOTE_NEEDED = "Schrijf erbij waarom. De huurder en de collega lezen dat."
TRANSFER_CHOOSE = "Kies een collega of een team om de zaak aan te geven."
TRANSFER_CONFIRM = (
    "Zaak {case_id} is al {transfers} keer doorgezet. Elke keer moet de huurder weer wennen. "
    "Is het echt nodig? Stuur dan hetzelfde met /doorzetten! in plaats van /doorzetten."
)
TRANSFER_CONFIRM_DESK = (
    "Deze zaak is al {transfers} keer doorgezet. Elke keer moet de huurder weer wennen. "
    "Vink aan dat nog een keer doorzetten echt nodig is."
)
DESK_TRANSFER_OK = (
    "De zaak is doorgezet naar {employee}. De huurder weet bij wie de vraag nu ligt."
)
DESK_CLOSED_OK = "De zaak is afgesloten. De huurder heeft een bericht gekregen."
LINKED = (
    "U bent nu gekoppeld als medewerker {employee}. "
    "U krijgt hier een bericht bij elke zaak voor u. Stuur /help voor de commando's."
)
LINK_FAILED = (
    "Deze code klopt niet of is verlopen. Vraag een nieuwe code aan de beheerder. "
    "Een code werkt één keer en 24 uur lang."
)
LINK_TOO_MANY = (
    "U heeft te vaak een code geprobeerd. Probeer het over een uur opnieuw "
    "met een nieuwe code van de beheerder."
)
LINK_MOVED = (
    "Uw account {employee} is nu gekoppeld aan een ander Telegram-account. "
    "Hier krijgt u geen zaken meer. Was u dit niet? Meld het dan meteen bij de beheerder."
)
AWAY_OK = (
    "U staat op afwezig. Nieuwe zaken gaan naar collega's die aan het werk zijn. "
    "Zaken die u nog niet had opgepakt, gaan ook naar een collega. "
    "Stuur /beschikbaar als u er weer bent."
)
BACK_OK = "Welkom terug. U krijgt weer nieuwe zaken."
NO_OPEN_CASES = "U hebt geen open zaken."
OPEN_CASES = "Uw open zaken:\n{cases}"
OPEN_CASE_LINE = "{case_id}: {topic} · {summary}"
EMPLOYEE_HELP = (
    "U bent gekoppeld als medewerker ({employee}).\n"
    "Antwoord een huurder door op een bericht van de zaak te reageren (antwoorden). "
    "Dat kan ook met een foto of document.\n"
    "/zaken: uw open zaken\n"
    "/afsluiten [nummer] [bericht]: zaak afsluiten\n"
    "/doorzetten [nummer] [naam of team] [waarom]: zaak doorzetten\n"
    "/afwezig: geen nieuwe zaken (bijvoorbeeld bij ziekte)\n"
    "/beschikbaar: weer nieuwe zaken\n"
    "/help: dit overzicht"
)

FORGOTTEN_OWNER = (
    "Zaak {case_id} is gesloten. De huurder vroeg om alle gegevens te wissen. "
    "Het gesprek en de notities zijn gewist."
)

# The desk in the browser.
DESK_LOGIN_FAILED = "Deze naam en dit wachtwoord horen niet bij elkaar. Probeer het opnieuw."
DESK_LOGIN_WAIT = "Te vaak een verkeerd wachtwoord. Wacht een minuut en probeer het dan opnieuw."
DESK_CSRF = "Deze pagina was verlopen. Ga terug, laad de pagina opnieuw en probeer het nog eens."
DESK_ADMINS_ONLY = "Deze pagina is alleen voor beheerders."
DESK_CASE_HIDDEN = "Deze zaak bestaat niet, of is niet van uw team."
DESK_EMPTY_MESSAGE = "Het bericht is leeg. Schrijf eerst iets."
PASSWORD_WRONG = "Uw huidige wachtwoord klopt niet."
PASSWORD_CHANGED = "Uw wachtwoord is veranderd."
PASSWORD_TOO_SHORT = "Kies een wachtwoord van minstens {length} tekens."

# --- how an employee's action on a case went (Telegram and the desk) ----------------------

_DONE = {
    Verb.CLAIM: CLAIM_OK,
    Verb.REPLY: REPLY_OK,
    Verb.NOTE: NOTE_OK,
    Verb.TRANSFER: TRANSFER_OK,
    Verb.CLOSE: CLOSED_OK,
    Verb.MISREAD: MISREAD_OK,
    Verb.ASK_TRANSFER: SEE_BELOW,
    Verb.ASK_CLOSE: SEE_BELOW,
}
_REFUSED = {
    Outcome.WHICH_CASE: WHICH_CASE,
    Outcome.NOT_FOUND: CASE_NOT_FOUND,
    Outcome.NOT_OPEN: CASE_NOT_OPEN,
    Outcome.NOT_OWNER: CLAIM_NOT_YOURS,
    Outcome.ALREADY_CLAIMED: CLAIM_TAKEN,
    Outcome.HANDLED_BEFORE: CLAIM_TAKEN,
    Outcome.UNKNOWN_TARGET: TRANSFER_HOW,
    Outcome.NOTE_NEEDED: TRANSFER_NOTE_NEEDED,
    Outcome.CONFIRM_NEEDED: TRANSFER_CONFIRM,
}
# The desk has forms where Telegram has commands: its own way to say what happened and what to do.
_DONE_ON_DESK = {Verb.TRANSFER: DESK_TRANSFER_OK, Verb.CLOSE: DESK_CLOSED_OK}
_REFUSED_ON_DESK = {
    Outcome.UNKNOWN_TARGET: TRANSFER_CHOOSE,
    Outcome.CONFIRM_NEEDED: TRANSFER_CONFIRM_DESK,
}


def case_answer(result: Result, *, desk: bool = False) -> str | None:
    """What the employee is told after acting on a case; None when the chat shows it already
    (a reply in Telegram)."""
    if result.done:
        if result.verb is Verb.REPLY and not desk:
            return None
        text = (_DONE_ON_DESK if desk else {}).get(result.verb) or _DONE[result.verb]
    else:
        text = (_REFUSED_ON_DESK if desk else {}).get(result.outcome) or _REFUSED[result.outcome]
    return text.format(
        case_id=result.case_id,
        owner=result.owner,
        employee=result.owner,
        transfers=result.transfers,
    )


# --- the web chat's answers to the browser ----------------------------------------------------

WEB_CHAT_VISITOR = "Bezoeker webchat"  # the name of a web chat tenant who gave none
WEB_CHAT_OPEN_FIRST = "Open eerst de chat op /chat."
WEB_CHAT_SLOW_DOWN = (
    "U stuurt veel berichten kort na elkaar. Dit bericht is niet aangekomen. "
    "Wacht een minuut en stuur het dan opnieuw."
)
WEB_CHAT_TOO_LONG = "Uw bericht is te lang. Wilt u het in een paar kortere berichten sturen?"
WEB_CHAT_TOO_MANY_CHATS = (
    "Vanaf uw adres zijn net veel gesprekken begonnen. Probeer het over een uur opnieuw."
)
WEB_CHAT_JSON_EXPECTED = "JSON verwacht."
WEB_CHAT_NO_ID = "Bericht zonder geldig id."
WEB_CHAT_EMPTY = "Leeg bericht."
WEB_CHAT_BAD_AFTER = "after moet een getal zijn."

# --- the desk's figures -----------------------------------------------------------------------

UNKNOWN_TEAM = "Onbekend"  # the cases of an owner who left the directory

# --- the admin pages and retraining -----------------------------------------------------------

ADMIN_FALLBACK_NAME = "Niet begrepen"  # what admins read for Rasa's nlu_fallback
ADMIN_CHOOSE_INTENT = "Kies een intentie of negeren."
ADMIN_GROUP_DONE = "Deze groep was al behandeld."
ADMIN_IGNORED = "{count} bericht(en) genegeerd."
ADMIN_CORRECTION_REFUSED = (
    "Niet bewaard. U kunt woorden alleen weglaten of vervangen, door [naam], [adres], "
    "[telefoon] of een ander vervangwoord. Nieuwe woorden kunnen er niet bij."
)
ADMIN_LABELLED = (
    "{count} voorbeeld(en) toegevoegd aan {file} als {intent}. Train opnieuw om ze te gebruiken."
)
ADMIN_TAKEN_BACK = "{count} voorbeeld(en) weer uit {file}; de groep is terug."
ADMIN_TRAINING_STARTED = "Het trainen is begonnen. Deze pagina laat zien hoe ver het is."
ADMIN_NO_RASA_HERE = (
    "Trainen kan hier niet: de Rasa-omgeving staat niet op deze machine. "
    "Train waar 'make run' draait, of met 'python -m handoff hertrain'."
)
ADMIN_TRAINING_BUSY = "Er loopt al een training."
ADMIN_LIVE = "Model {model_id} is live (omschakelen duurde {seconds:.1f} s)."
ADMIN_ONE_SERVER = "Er is één Rasa-server: huurders wachtten tijdens het laden."
ADMIN_REFUSED = "Model {model_id} kan niet live: {error}."
ADMIN_RASA_FAILED = "Model {model_id} is niet live gezet: Rasa gaf een fout ({error})."
MODEL_STATUS_LABELS = {
    "training": "wordt getraind",
    "failed": "mislukt",
    "candidate": "klaar om live te zetten",
    "refused": "afgewezen door de vergelijking",
    "active": "live",
    "retired": "eerder live",
}
MODEL_TRAINING_LABELS = {
    "full": "Volledig getraind",
    "finetune": "Verder getraind (finetunen)",
    "start": "Waarmee Rasa startte",
}
# Why a candidate is trained as it is (kept on its row).
PLAN_NO_LIVE_MODEL = "Er is nog geen live model om op verder te trainen: volledig trainen."
PLAN_INPUTS_CHANGED = (
    "De instellingen (config.yml) of het domein zijn veranderd: volledig trainen."
)
PLAN_FINETUNE = "Alleen voorbeelden zijn veranderd: verder trainen op het live model (finetunen)."
# How far a training is (kept on its row; the page and `hertrain` show it).
PROGRESS_WAITING = "Wacht op de start"
PROGRESS_TRAINING = "Trainen"
PROGRESS_COMPONENT = "Trainen: {component} klaar"
PROGRESS_SOME_COMPONENT = "onderdeel"  # when Rasa's log names no component
PROGRESS_COMPARING = "Vergelijken met het live model"
PROGRESS_DONE = "Klaar"
PROGRESS_FAILED = "Mislukt: {error}"
# Why the gate refused a candidate (kept with its results).
GATE_ACCURACY_WORSE = (
    "Op de testvoorbeelden scoort het nieuwe model {candidate:.1%}, het live model {live:.1%}."
)
GATE_MORE_STORIES_FAIL = "{candidate} testgesprekken gaan mis (live: {live})."
GATE_STORIES_FAIL = "{count} testgesprekken gaan mis."
# Why a model cannot go live (after "Model 3 kan niet live: ").
MODEL_CANNOT_GO_LIVE = "dit model kan niet live"
MODEL_FILE_GONE = "het modelbestand {file} is er niet meer"
# A label an admin chooses that the training data already has.
EXAMPLE_KNOWN = "Staat al in de trainingsdata als {intent}."
EXAMPLE_CONTRADICTS = "Staat in de trainingsdata als {intents}: kies bewust."
# Why a message is in the NLU inbox. Stored with it (review_items.reasons): changing one
# leaves the old words on messages already there.
REVIEW_LOW_CONFIDENCE = "lage zekerheid"
REVIEW_FALLBACK = "niet begrepen"
REVIEW_SUMMARY_REJECTED = "samenvatting afgewezen"
REVIEW_EMPLOYEE_MARKED = "medewerker: verkeerd begrepen"

# The admins' privacy page: find a tenant, download or erase their data, and the log.
PRIVACY_LABEL = "huurder {contact_id} ({channel})"  # in the log: says who without naming them
PRIVACY_ACTIONS = {"export": "gegevens gedownload", "erase": "gegevens gewist"}
PRIVACY_BY_TENANT = "de huurder zelf"
PRIVACY_VIA = {"telegram": "Telegram", "web": "webchat", "desk": "desk"}
PRIVACY_ERASED = "De gegevens van {label} zijn gewist. Open zaken zijn gesloten."
PRIVACY_NOT_FOUND = "Deze huurder bestaat niet, of is al gewist."
PRIVACY_SURE_NEEDED = "Vink eerst aan dat u zeker bent. Wissen kan niet ongedaan worden."
PRIVACY_WEB_NONE = "Deze chat heeft nog geen gegevens."

# --- routing reasons (shown to employees) -----------------------------------------------------

# After "Voor u, omdat: ". Stored with the case (cases.routing_reason) as these words; after a
# change of owner the reason is REASON_TRANSFERRED or REASON_TAKEN_OVER (above).
ROUTING_REASONS = {
    Why.REQUESTED: "gevraagd",
    Why.SUCCESSOR: "neemt het werk van {former} over",
    Why.RETURNING: "had uw vorige vraag",
    Why.TEAM: "team {team}",
}


def routing_reason(decision: RoutingDecision) -> str:
    """Says why a case went to its owner."""
    return ROUTING_REASONS[decision.why].format(
        team=decision.team.name, former=decision.replaces or ""
    )


# --- by when a person answers (the {promise} above) -------------------------------------------

PROMISES = {
    Day.TODAY: "vandaag vóór {clock}",
    Day.TOMORROW: "morgen vóór {clock}",
    Day.THIS_WEEK: "{weekday} vóór {clock}",
    Day.LATER: "op {day} {month} vóór {clock}",
}
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")  # fmt: skip


def promise(deadline: datetime, now: datetime) -> str:
    """Says a deadline as a tenant reads it: "vandaag vóór 13:00", "morgen vóór 11:30"."""
    when = promised(deadline, now)
    return PROMISES[when.day].format(
        clock=f"{when.at:%H:%M}",
        weekday=WEEKDAYS[when.at.weekday()],
        day=when.at.day,
        month=MONTHS[when.at.month - 1],
    )


# --- transcripts (the notification, its file, the desk) ---------------------------------------

SENDER_LABELS = {
    "tenant": "Huurder",
    "bot": "Assistent",
    "employee": "Medewerker",
    "note": "Notitie",  # for colleagues only; the tenant never received it
}
KIND_LABELS = {
    "photo": "[foto]",
    "voice": "[spraakbericht]",
    "sticker": "[sticker]",
    "document": "[document]",
    "video": "[video]",
    "other": "[bericht zonder tekst]",
}
NOTE_BY = "Notitie van {author}"
UNDELIVERED_LABEL = "[niet afgeleverd]"
TRANSCRIPT_LABELS = TranscriptLabels(SENDER_LABELS, KIND_LABELS, NOTE_BY, UNDELIVERED_LABEL)

# --- messages the outbox gave up on (the desk, the admins, the team) -------------------------

UNDELIVERED_REASONS = {
    GiveUp.BLOCKED: "de ontvanger heeft de bot geblokkeerd of nooit gestart",
    GiveUp.REFUSED: "Telegram weigerde dit bericht",
    GiveUp.EXPIRED: "Telegram bleef te lang onbereikbaar",
    None: "onbekend",
}
UNDELIVERED_LINE = "Niet afgeleverd ({at}): {reason}."
UNDELIVERED_TO_TENANT = (
    "Zaak {case_id}: een bericht aan de huurder is niet afgeleverd. Reden: {reason}. "
    "Neem op een andere manier contact op met de huurder. De desk laat zien welk bericht het was."
)
OWNER_UNREACHABLE = (
    "Zaak {case_id} ({topic}) is van {owner}. Maar {owner} krijgt de berichten over deze zaak "
    "niet in Telegram. Reden: {reason}. Wilt u zorgen dat iemand de zaak oppakt? "
    "Hij staat in de desk."
)
FLAG_UNDELIVERED = "bericht niet afgeleverd"
FLAG_OWNER_UNREACHABLE = "eigenaar niet bereikbaar in Telegram"
FLAG_OWNER_DESK_ONLY = "eigenaar niet in Telegram"

# --- the back office (VERA): repair requests, appointments (docs/backoffice.md) ---------------

# What a repair request's status means for the tenant (VERA's ONDERHOUDSVERZOEKSTATUS).
REPAIR_STATUSES = {
    "REG": "Het is ontvangen.",
    "BEO": "De technische dienst bekijkt het.",
    "INB": "Er wordt aan gewerkt.",
    "TEC": "Het werk is klaar.",
    "FIN": "Het werk is klaar. Wij regelen nog de kosten.",
    "AFG": "Het is afgerond.",
    "GEA": "Het is geannuleerd.",
}
BACKOFFICE_LABEL = "Systeem"  # the desk: what the corporation's own system holds
REPAIR_STATUS_UNKNOWN = "Het staat in ons systeem."
STATUS_REPAIR = "Uw reparatieverzoek{code}: {status}"
REPAIR_STATUS_LABEL = "Reparatieverzoek {code} in het systeem: {status}"  # the desk
BACKOFFICE_WAITING = "{what}: wacht op het systeem van de corporatie (poging {attempts})."
BACKOFFICE_FAILED = "{what}: niet gelukt. Zet u het zelf in het systeem? Reden: {reason}."
BACKOFFICE_SKIPPED = "{what}: niet gedaan. De huurder is niet bekend in het systeem."
BACKOFFICE_WHAT = {
    "repair": "Reparatieverzoek",
    "contact": "Contactmoment",
    "appointment": "Afspraak",
}
OWNER_BACKOFFICE_FAILED = (
    "Zaak {case_id}: het lukte niet om dit in het systeem van de corporatie te zetten: "
    "{what}. Reden: {reason}. Wilt u het zelf doen? De desk laat de zaak zien."
)
SLOTS_OFFERED = (
    "Er kan een monteur komen voor uw reparatie ({code}). Wanneer komt het u goed uit? "
    "Kies hieronder een moment. Past geen enkel moment? Schrijf het hier, dan zoeken we een "
    "ander moment."
)
SLOT_LABEL = "{weekday} {day} {month}, {begin}-{end}"
SLOT_CHOSEN = (
    "Dank u. Ik geef uw keuze door: {slot}. U krijgt hier bericht als de afspraak vastligt."
)
SLOT_NOT_OFFERED = "Dit moment kunt u niet meer kiezen. Schrijf hier wanneer het u uitkomt."
SLOT_BOOKED = (
    "Uw afspraak staat: {slot}. De monteur komt in die tijd. Kunt u toch niet? Schrijf het hier."
)
SLOT_FAILED = (
    "Het lukte niet om uw afspraak vast te leggen. Een medewerker belt of schrijft u "
    "om een moment af te spreken."
)
OWNER_SLOT_BOOKED = "Zaak {case_id}: de huurder koos een afspraak: {slot}."


def slot_label(begin: datetime, end: datetime) -> str:
    """An appointment slot as a tenant reads it: "dinsdag 8 december, 08:00-12:00"."""
    begin, end = begin.astimezone(LOCAL), end.astimezone(LOCAL)
    return SLOT_LABEL.format(
        weekday=WEEKDAYS[begin.weekday()],
        day=begin.day,
        month=MONTHS[begin.month - 1],
        begin=f"{begin:%H:%M}",
        end=f"{end:%H:%M}",
    )


def repair_status(code: str | None, status: str | None) -> str:
    """A repair request's state for /status."""
    said = REPAIR_STATUSES.get(status or "", REPAIR_STATUS_UNKNOWN)
    return STATUS_REPAIR.format(code=f" {code}" if code else "", status=said)
