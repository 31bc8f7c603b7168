package com.rebound.enginerest;

import com.rebound.procedure.FormTranslations;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A step's form (and the case's start form) as Tasklist loads it, in the reader's language ({@code Accept-Language}): its
 * labels, descriptions, texts and options from {@link FormTranslations}; the fields' keys, and so what the form writes, stay
 * the model's. English, or a language without translations, is the form as deployed.
 */
class FormTranslationFilter extends OncePerRequestFilter {

  private static final Pattern DEPLOYED_FORM = Pattern.compile(
      "/camunda/api/engine/engine/[^/]+/(task/[^/]+/deployed-form|process-definition/(key/)?[^/]+/deployed-start-form)$");

  private final FormTranslations translations;
  private final ObjectMapper json;

  FormTranslationFilter(FormTranslations translations, ObjectMapper json) {
    this.translations = translations;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"GET".equals(request.getMethod()) || !DEPLOYED_FORM.matcher(request.getRequestURI()).find()
        || language(request).equals("en");
  }

  static String language(HttpServletRequest request) {
    Locale locale = request.getLocale();
    return locale == null || locale.getLanguage().isBlank() ? "en" : locale.getLanguage();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ShownJson.rewrite(request, response, chain, json, form -> form.isObject() && translations.translate(form, language(request)));
  }
}
