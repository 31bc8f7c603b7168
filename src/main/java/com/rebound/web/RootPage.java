package com.rebound.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The site's address leads to the console's cases (which sends a visitor without a login to log in, and back). */
@Controller
class RootPage {

  @GetMapping("/")
  String root() {
    return "redirect:/console/";
  }
}
