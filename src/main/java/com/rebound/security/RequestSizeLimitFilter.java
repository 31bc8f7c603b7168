package com.rebound.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than the limit: 413 before anything is read when the length is
 * stated, and 413 after reading at most the limit when it is not (chunked; a chunked form is cut off
 * by a failed read). A case, a step or a diagram
 * with its forms is a few hundred kilobytes at most.
 */
class RequestSizeLimitFilter extends OncePerRequestFilter {

  private final long defaultMaxBytes;
  private final long alertMaxBytes;

  RequestSizeLimitFilter(long maxBytes, long alertMaxBytes) {
    this.defaultMaxBytes = maxBytes;
    this.alertMaxBytes = alertMaxBytes;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    // an alert is a few kilobytes; a monitor gone wrong must not fill the database
    long maxBytes = path.startsWith("/api/alerts") ? alertMaxBytes : defaultMaxBytes;
    if (request.getContentLengthLong() > maxBytes) {
      tooLarge(request, response, path, maxBytes);
      return;
    }
    if (request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null && !isForm(request)) {
      // a body of unstated length (chunked): read up to the limit here, so that an oversized one is a 413 too
      byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (body.length > maxBytes) {
        tooLarge(request, response, path, maxBytes);
        return;
      }
      chain.doFilter(new com.rebound.web.CachedBody(request, body), response);
      return;
    }
    chain.doFilter(request.getContentLengthLong() < 0 ? new Limited(request, maxBytes) : request, response);
  }

  private static boolean isForm(HttpServletRequest request) {
    return request.getContentType() != null && request.getContentType().startsWith("application/x-www-form-urlencoded");
  }

  private static void tooLarge(HttpServletRequest request, HttpServletResponse response, String path, long maxBytes)
      throws IOException {
    com.rebound.web.Problems.write(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "too-large",
        "The request is too large", "RequestTooLarge", "A request to " + path + " may carry at most "
            + (maxBytes >= 1024 * 1024 ? maxBytes / (1024 * 1024) + " MB." : maxBytes / 1024 + " KB."));
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long maxBytes;

    Limited(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream in = super.getInputStream();
      return new ServletInputStream() {
        private long read;

        @Override
        public int read() throws IOException {
          int b = in.read();
          if (b >= 0 && ++read > maxBytes) {
            throw new IOException("request body larger than " + maxBytes + " bytes");
          }
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = in.read(buffer, offset, length);
          if (n > 0 && (read += n) > maxBytes) {
            throw new IOException("request body larger than " + maxBytes + " bytes");
          }
          return n;
        }

        @Override
        public boolean isFinished() {
          return in.isFinished();
        }

        @Override
        public boolean isReady() {
          return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
          in.setReadListener(listener);
        }
      };
    }
  }
}
