// Rebound's links inside Camunda's webapps (Tasklist's header, Cockpit's navigation) in the reader's language: the staff
// pages' translations (/common/locales/<language>.js, keyed by the English), chosen from the browser's languages as the
// pages choose them (/common/i18n.js). The webapps load their plugins as modules, so this reads the file rather than run it.
const SUPPORTED = ['en', 'es'];

let loaded = null;

// a function from an English text to the reader's (the English when it has none), once the translations are read
export function translations() {
  if (!loaded) {
    const language = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'])
      .map((tag) => String(tag).slice(0, 2).toLowerCase()).find((tag) => SUPPORTED.includes(tag)) || 'en';
    loaded = (language === 'en' ? Promise.resolve({}) : fetch('/common/locales/' + language + '.js')
      .then((answer) => (answer.ok ? answer.text() : '{}'))
      .then((source) => JSON.parse(source.slice(source.indexOf('{'), source.lastIndexOf('}') + 1)))
      .catch(() => ({})))
      .then((texts) => (english) => (texts[english] == null ? english : texts[english]));
  }
  return loaded;
}
