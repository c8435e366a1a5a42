package dev.trafficlight.core.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The type of a data field, as a catalogue writes it and as JSON Schema names it. */
public enum FieldType {
  STRING("string"), INTEGER("integer"), NUMBER("number"), BOOLEAN("boolean"), LIST("array"), OBJECT("object"), ANY(null);

  /** The JSON Schema {@code type}; null for {@link #ANY}, which has none. */
  public final String schemaType;

  FieldType(String schemaType) {
    this.schemaType = schemaType;
  }

  /** The word a catalogue file uses: {@code string}, {@code list}... */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<FieldType> of(String word) {
    return Arrays.stream(values()).filter(t -> t.word().equals(word)).findFirst();
  }

  /** Whether a JSON value is of this type. */
  public boolean accepts(JsonNode value) {
    return switch (this) {
      case STRING -> value.isTextual();
      case INTEGER -> value.isIntegralNumber() || (value.isNumber() && value.canConvertToExactIntegral());
      case NUMBER -> value.isNumber();
      case BOOLEAN -> value.isBoolean();
      case LIST -> value.isArray();
      case OBJECT -> value.isObject();
      case ANY -> true;
    };
  }
}
