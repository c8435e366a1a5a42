package dev.trafficlight.matrix.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A media repository URI, {@code mxc://<server-name>/<media-id>}: the only kind of file url a homeserver serves. */
public record MxcUri(String serverName, String mediaId) {
  private static final Pattern FORM = Pattern.compile("mxc://([A-Za-z0-9.:\\[\\]-]+)/([A-Za-z0-9_-]+)");

  /** The URI if {@code text} is one; empty for anything else (https links, missing urls, paths). */
  public static Optional<MxcUri> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(text);
    return m.matches() ? Optional.of(new MxcUri(m.group(1), m.group(2))) : Optional.empty();
  }

  @Override
  public String toString() {
    return "mxc://" + serverName + "/" + mediaId;
  }
}
