package dev.trafficlight.core.catalogue;

/** A catalogue file that cannot be used: {@code file:line: message}. */
public final class CatalogueException extends IllegalArgumentException {
  public CatalogueException(String source, int line, String problem) {
    super(source + ":" + (line > 0 ? line + ":" : "") + " " + problem);
  }
}
