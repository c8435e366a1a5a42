package dev.trafficlight.cli;

import dev.trafficlight.core.Json;
import dev.trafficlight.core.catalogue.Catalogue;
import dev.trafficlight.core.catalogue.CatalogueMarkdown;
import dev.trafficlight.core.catalogue.CatalogueSchema;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code catalogue}: prints the action catalogue as Markdown or JSON Schema. */
@Command(name = "catalogue", mixinStandardHelpOptions = true,
    description = {"Print the action catalogue: every action a scenario may give a client, its data and its answers.",
        "transports/actions.md is its Markdown: java -jar target/trafficlight.jar catalogue > transports/actions.md"})
final class CatalogueCommand implements Callable<Integer> {
  /** The two forms it prints. */
  enum Format { markdown, json_schema }

  @Option(names = "--format", defaultValue = "markdown", converter = FormatConverter.class,
      description = "markdown or json-schema (default: ${DEFAULT-VALUE})")
  Format format;

  @Mixin
  CatalogueOption catalogue = new CatalogueOption();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Catalogue loaded = catalogue.load(err);
    out.print(format == Format.markdown ? CatalogueMarkdown.render(loaded)
        : Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(CatalogueSchema.render(loaded)) + "\n");
    out.flush();
    return 0;
  }

  /** {@code json-schema} on the command line; an enum constant cannot hold a '-'. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      return switch (value) {
        case "markdown" -> Format.markdown;
        case "json-schema" -> Format.json_schema;
        default -> throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not markdown or json-schema");
      };
    }
  }
}
