package dev.trafficlight.demo;

import dev.trafficlight.core.scenario.Scenario;
import dev.trafficlight.core.scenario.ScenarioReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The scenarios the demo plays, shipped in the jar: the examples and one that fails on purpose. */
public final class DemoScenarios {
  /** The scenario whose case fails on purpose, so a red cell, a failure report and a log show. */
  public static final String FAILS_ON_PURPOSE = "fails_on_purpose";
  private static final String FOLDER = "/demo/scenarios";

  private DemoScenarios() {}

  /** Reads every scenario of the demo. */
  public static List<Scenario> load() throws IOException {
    URL folder = DemoScenarios.class.getResource(FOLDER);
    if (folder == null) throw new IOException("the demo scenarios are missing from the classpath (" + FOLDER + ")");
    try {
      if (folder.getProtocol().equals("jar")) {
        try (FileSystem jar = FileSystems.newFileSystem(folder.toURI(), Map.of())) {
          return ScenarioReader.readAll(jar.getPath(FOLDER));
        }
      }
      return ScenarioReader.readAll(Path.of(folder.toURI()));
    } catch (URISyntaxException e) {
      throw new IOException("cannot read " + folder + ": " + e.getMessage(), e);
    }
  }
}
