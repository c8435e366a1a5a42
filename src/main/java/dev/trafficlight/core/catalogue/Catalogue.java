package dev.trafficlight.core.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The dictionary of actions that scenarios and adapters share: the built-in one shipped in the
 * jar, extended by a lab's own files. Immutable.
 */
public final class Catalogue {
  /** Where the built-in catalogue lives in the jar. */
  public static final String BUILT_IN = "/trafficlight-catalogue/actions.yaml";
  private static final Catalogue BUILT_IN_CATALOGUE = readBuiltIn();

  private final Map<String, ActionSpec> actions;
  /** Every action under its name and each of its aliases. */
  private final Map<String, ActionSpec> byAnyName;

  private Catalogue(Map<String, ActionSpec> actions) {
    this.actions = Collections.unmodifiableMap(new LinkedHashMap<>(actions));
    Map<String, ActionSpec> any = new LinkedHashMap<>(actions);
    actions.values().forEach(a -> a.aliases().forEach(alias -> any.put(alias, a)));
    this.byAnyName = Collections.unmodifiableMap(any);
  }

  /** The catalogue shipped in the jar. */
  public static Catalogue builtIn() {
    return BUILT_IN_CATALOGUE;
  }

  /**
   * The built-in catalogue extended by these files, in order: a file's action replaces a built-in
   * one of the same name. A new name that breaks the naming guide is a warning, handed to
   * {@code warnings} as {@code file:line: warning: ...}; a bad file is a {@link CatalogueException}.
   */
  public static Catalogue load(List<Path> files, Consumer<String> warnings) throws IOException {
    Catalogue catalogue = builtIn();
    for (Path file : files) {
      catalogue = catalogue.extendedBy(CatalogueReader.read(Files.readString(file), file.toString()), file.toString(), warnings);
    }
    return catalogue;
  }

  /** This catalogue with the entries of one file added, or replacing those of the same name. */
  Catalogue extendedBy(List<CatalogueReader.Entry> entries, String source, Consumer<String> warnings) {
    Map<String, ActionSpec> merged = new LinkedHashMap<>(actions);
    for (CatalogueReader.Entry entry : entries) {
      ActionSpec spec = entry.spec();
      if (!actions.containsKey(spec.name())) {
        NamingGuide.problems(spec.name()).forEach(p -> warnings.accept(source + ":" + entry.line() + ": warning: " + p));
      }
      merged.put(spec.name(), spec);
    }
    Map<String, String> owners = new LinkedHashMap<>();
    merged.keySet().forEach(name -> owners.put(name, name));
    Map<String, Integer> lines = new LinkedHashMap<>();
    entries.forEach(e -> lines.put(e.spec().name(), e.line()));
    for (ActionSpec spec : merged.values()) {
      for (String alias : spec.aliases()) {
        String owner = owners.putIfAbsent(alias, spec.name());
        if (owner != null && !owner.equals(spec.name())) {
          String mine = lines.containsKey(spec.name()) ? spec.name() : owner;
          throw new CatalogueException(source, lines.getOrDefault(mine, 0), "alias '" + alias + "' of action '"
              + spec.name() + "' is already the name or an alias of action '" + owner + "'");
        }
      }
    }
    return new Catalogue(merged);
  }

  /** Every action, built-in ones first, in the order written. */
  public Collection<ActionSpec> actions() {
    return actions.values();
  }

  /** The action with this name or alias. */
  public Optional<ActionSpec> find(String nameOrAlias) {
    return Optional.ofNullable(byAnyName.get(nameOrAlias));
  }

  /** The known name or alias nearest to an unknown one. */
  public String closest(String name) {
    return Closest.to(name, byAnyName.keySet());
  }

  /** How many aliases the actions have between them. */
  public int aliasCount() {
    return byAnyName.size() - actions.size();
  }

  private static Catalogue readBuiltIn() {
    try (InputStream in = Catalogue.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) throw new IllegalStateException("the jar lacks " + BUILT_IN);
      List<CatalogueReader.Entry> entries = CatalogueReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUILT_IN);
      return new Catalogue(Map.of()).extendedBy(entries, BUILT_IN, warning -> { });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "Catalogue" + new ArrayList<>(actions.keySet());
  }
}
