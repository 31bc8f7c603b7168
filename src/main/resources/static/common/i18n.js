// Rebound's staff pages in the reader's language: the browser's first language Rebound has (English or Spanish), English
// when it has none. The pages are written in English; /common/locales/<language>.js adds each English text's translation
// (loaded right after this file). The page's own texts (headings, labels, buttons, placeholders, the title) are translated
// once the page is read; a script writes its texts through t with the English text and its values ({0}, {1}…). A text
// without a translation shows in English. StaffPagesTranslationTest checks that every text of the pages and of the
// scripts' t calls has one.
'use strict';

const reboundI18n = (function i18n() {
  const SUPPORTED = ['en', 'es'];
  const ATTRIBUTES = ['placeholder', 'title', 'aria-label', 'alt'];
  const texts = {};
  const wanted = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'])
    .map(String);
  // the reader's language and its regional form (es-ES, es-MX…) for dates and numbers
  const locale = wanted.find((tag) => SUPPORTED.includes(tag.slice(0, 2).toLowerCase())) || 'en';
  const language = locale.slice(0, 2).toLowerCase();

  // the English text in the reader's language, {0}, {1}… replaced by the values
  function t(english, ...values) {
    const own = texts[english];
    return (own == null ? english : own).replace(/\{(\d+)\}/g, (all, i) => (values[i] == null ? '' : String(values[i])));
  }

  // a text as the translations key it: without the spaces around it, a line break inside it read as one space
  const key = (text) => text.trim().replace(/\s+/g, ' ');

  function translateText(node) {
    const own = texts[key(node.nodeValue)];
    if (own != null) {
      const value = node.nodeValue;
      node.nodeValue = value.slice(0, value.length - value.trimStart().length) + own
        + value.slice(value.trimEnd().length);
    }
  }

  // the texts people read in a part of the page: its text nodes (not scripts, styles or what people typed) and attributes
  function translate(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.parentElement && node.parentElement.closest('script, style, textarea')
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT)
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      translateText(node);
    }
    for (const name of ATTRIBUTES) {
      for (const element of root.querySelectorAll('[' + name + ']')) {
        const own = texts[key(element.getAttribute(name))];
        if (own != null) {
          element.setAttribute(name, own);
        }
      }
    }
  }

  document.documentElement.lang = language;
  document.addEventListener('DOMContentLoaded', () => {
    if (language !== 'en') {
      translate(document.documentElement);
    }
  });

  return {
    language,
    locale,
    t,
    // a language's translations, keyed by the English text; kept only for the reader's language
    add(tag, translations) {
      if (tag === language) {
        Object.assign(texts, translations);
      }
    }
  };
}());

const t = reboundI18n.t;
