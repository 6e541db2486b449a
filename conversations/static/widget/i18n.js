// The widget's words in each language it speaks; English fills any gap.
const STRINGS = {
  en: {
    online: "We are online",
    away: "We are away",
    placeholder: "Type your message…",
    inputLabel: "Your message",
    send: "Send message",
    attach: "Attach a file",
    close: "Close chat",
    typing: "{name} is typing…",
    someone: "Someone",
    seen: "Seen",
    sending: "Sending…",
    failed: "Not sent. Select to try again.",
    emailLabel: "Your email",
    emailSubmit: "Submit",
    emailThanks: "Thanks! We will email you at {email}.",
    emailInvalid: "Please enter a valid email address.",
    fileType: "{name}: this file type is not allowed.",
    fileSize: "{name}: the file is larger than the {limit} limit.",
    offline: "Connection lost. Reconnecting…",
    unavailable: "This chat is not available.",
    sessionExpired: "Your chat session ended. Send your message again.",
    branding: "Powered by OneChat",
    you: "You",
    attachment: "Attachment",
    earlier: "Show earlier messages",
  },
  fr: {
    online: "Nous sommes en ligne",
    away: "Nous sommes absents",
    placeholder: "Écrivez votre message…",
    inputLabel: "Votre message",
    send: "Envoyer le message",
    attach: "Joindre un fichier",
    close: "Fermer le chat",
    typing: "{name} écrit…",
    someone: "Quelqu'un",
    seen: "Vu",
    sending: "Envoi…",
    failed: "Non envoyé. Sélectionnez pour réessayer.",
    emailLabel: "Votre e-mail",
    emailSubmit: "Envoyer",
    emailThanks: "Merci ! Nous vous écrirons à {email}.",
    emailInvalid: "Saisissez une adresse e-mail valide.",
    fileType: "{name} : ce type de fichier n'est pas accepté.",
    fileSize: "{name} : le fichier dépasse la limite de {limit}.",
    offline: "Connexion perdue. Reconnexion…",
    unavailable: "Ce chat n'est pas disponible.",
    sessionExpired: "Votre session a pris fin. Renvoyez votre message.",
    branding: "Propulsé par OneChat",
    you: "Vous",
    attachment: "Pièce jointe",
    earlier: "Voir les messages précédents",
  },
  es: {
    online: "Estamos en línea",
    away: "Estamos ausentes",
    placeholder: "Escribe tu mensaje…",
    inputLabel: "Tu mensaje",
    send: "Enviar mensaje",
    attach: "Adjuntar un archivo",
    close: "Cerrar chat",
    typing: "{name} está escribiendo…",
    someone: "Alguien",
    seen: "Visto",
    sending: "Enviando…",
    failed: "No enviado. Selecciona para reintentar.",
    emailLabel: "Tu correo",
    emailSubmit: "Enviar",
    emailThanks: "¡Gracias! Te escribiremos a {email}.",
    emailInvalid: "Introduce un correo válido.",
    fileType: "{name}: este tipo de archivo no está permitido.",
    fileSize: "{name}: el archivo supera el límite de {limit}.",
    offline: "Conexión perdida. Reconectando…",
    unavailable: "Este chat no está disponible.",
    sessionExpired: "Tu sesión terminó. Envía tu mensaje de nuevo.",
    branding: "Con la tecnología de OneChat",
    you: "Tú",
    attachment: "Adjunto",
    earlier: "Ver mensajes anteriores",
  },
};

let current = "en";

/** Switch language ("fr", "fr-CA", ...); unknown ones fall back to English. */
export function setLocale(locale) {
  const base = String(locale || "").toLowerCase().split(/[-_]/)[0];
  current = STRINGS[base] ? base : "en";
  document.documentElement.lang = current;
  return current;
}

/** The string for `key` in the current language, with {placeholders} filled. */
export function t(key, values = {}) {
  const text = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}
