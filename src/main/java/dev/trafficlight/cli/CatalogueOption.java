package dev.trafficlight.cli;

import dev.trafficlight.core.catalogue.Catalogue;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --catalogue FILE}: a lab's own actions beside the built-in ones, for every command that reads scenarios or the catalogue. */
final class CatalogueOption {
  @Option(names = "--catalogue", paramLabel = "FILE", description = "A catalogue file of your own actions, added to the "
      + "built-in one; scenarios are checked against both (repeatable; see transports/actions.md).")
  List<Path> files = new ArrayList<>();

  /** The built-in catalogue with the given files; their naming-guide warnings go to {@code err}. */
  Catalogue load(PrintWriter err) throws IOException {
    Catalogue catalogue = Catalogue.load(files, err::println);
    err.flush();
    return catalogue;
  }
}
