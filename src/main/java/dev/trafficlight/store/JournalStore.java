package dev.trafficlight.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trafficlight.core.store.KeptToken;
import dev.trafficlight.core.store.Restored;
import dev.trafficlight.core.store.RunStore;
import dev.trafficlight.core.view.CaseView;
import dev.trafficlight.core.view.CoordinatorEvent;
import dev.trafficlight.core.view.TimelineEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.io.InputStreamReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store as an append-only file of JSON lines in the data folder. Opening it reads every
 * line (a torn last line, left by a kill mid-write, is dropped; a line that cannot be read is
 * skipped with a warning, and nothing else is lost), then rewrites it as the few lines that say the
 * same, so it grows with one run's history, not with every run's. A line is handed to the
 * operating system as it happens, which a killed process cannot lose; when a case ends the file is
 * also forced to the disk, right after, off the coordinator's lock, so a finished case survives a
 * power cut too.
 */
public final class JournalStore implements RunStore {
  /** The journal's name in the data folder. */
  public static final String FILE = "journal.jsonl";
  /** Where a completed run's journal is moved, so the next run starts fresh; one is kept. */
  public static final String PREVIOUS = "journal.previous.jsonl";
  private static final Logger LOG = LoggerFactory.getLogger(JournalStore.class);

  /** Held while this coordinator keeps its journal in the folder: a second one there would cut it off. */
  public static final String LOCK = "journal.lock";

  private final Path file;
  private final Restored restored;
  private final FileChannel out;
  private final FileLock lock;
  private final GroupSync sync;
  /** The step each running case last wrote: a step is written once however many timeline entries it makes. */
  private final Map<String, String> steps = new HashMap<>();
  private boolean failing;

  private JournalStore(Path file, Restored restored, FileChannel out, FileLock lock) {
    this.file = file;
    this.restored = restored;
    this.out = out;
    this.lock = lock;
    this.sync = new GroupSync(out, "journal-sync");
  }

  /** Opens the journal in {@code dataDir}, reading and compacting what an earlier coordinator wrote there. */
  public static JournalStore open(Path dataDir) throws IOException {
    FileLock lock = lock(dataDir.resolve(LOCK));
    try {
      Path file = dataDir.resolve(FILE);
      JournalState state = new JournalState();
      if (Files.exists(file)) replay(file, state);
      rewrite(file, state.compacted());
      FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      return new JournalStore(file, state.restored(), out, lock);
    } catch (IOException | RuntimeException e) {
      release(lock);
      throw e;
    }
  }

  /**
   * The folder's lock, or a clear refusal while another process holds it. A process runs one
   * coordinator; one that opens the folder again (as tests stand in for a restart) already holds
   * it, and gets no lock of its own (null).
   */
  private static FileLock lock(Path lockFile) throws IOException {
    FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException thisProcess) {
      channel.close();
      return null;
    }
    if (lock == null) {
      channel.close();
      throw new IOException("the data folder " + lockFile.getParent() + " is in use by another coordinator;"
          + " give this one a --data of its own");
    }
    return lock;
  }

  private static void release(FileLock lock) {
    if (lock == null) return;
    try {
      lock.channel().close(); // closing the channel lets the lock go
    } catch (IOException e) {
      LOG.warn("could not let go of {}: {}", LOCK, e.getMessage());
    }
  }

  private static void replay(Path file, JournalState state) throws IOException {
    // bytes that are not UTF-8 (a character cut in half by a kill) become U+FFFD: that line is skipped, not the start
    try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      String line = in.readLine();
      for (int number = 1; line != null; number++) {
        String next = in.readLine();
        if (!line.isBlank()) {
          try {
            state.apply(line);
          } catch (RuntimeException e) { // whatever is wrong with one line, the others still count
            if (next == null && !endsWithNewline(file)) {
              LOG.info("{}: the last line was cut off mid-write (the coordinator was killed); it is dropped", file);
            } else {
              LOG.warn("{}:{}: skipped a line that cannot be read ({}); everything else is kept", file, number, e.getMessage());
            }
          }
        }
        line = next;
      }
    }
  }

  private static boolean endsWithNewline(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (ch.size() == 0) return true;
      ByteBuffer last = ByteBuffer.allocate(1);
      ch.read(last, ch.size() - 1);
      return last.get(0) == '\n';
    }
  }

  /** Writes the lines to a new file, forces it to disk and puts it in place at once: a crash leaves the old or the new. */
  private static void rewrite(Path file, List<String> lines) throws IOException {
    Path fresh = file.resolveSibling(FILE + ".new");
    try (FileChannel ch = FileChannel.open(fresh, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ownerOnly(fresh); // it holds client tokens
      StringBuilder text = new StringBuilder();
      for (String line : lines) text.append(line).append('\n');
      ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) ch.write(bytes);
      ch.force(true);
    }
    try {
      Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void ownerOnly(Path path) {
    try {
      Files.setPosixFilePermissions(path, Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
          java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: the folder's own permissions are all there is
    }
  }

  @Override
  public Restored restored() {
    return restored;
  }

  @Override
  public void on(CoordinatorEvent event) {
    if (event instanceof CoordinatorEvent.ClientRegistered r) {
      append(JournalLines.client(r.client().uuid(), r.client().transport(), r.client().registration(), r.client().registeredAt()), false);
    } else if (event instanceof CoordinatorEvent.ClientFreed f) {
      // its whole record again, with no case: the case's end, written next, then tells it nothing
      append(JournalLines.client(f.client().uuid(), f.client().transport(), f.client().registration(), f.client().registeredAt()), false);
    } else if (event instanceof CoordinatorEvent.ClientDropped d) {
      append(JournalLines.dropped(d.client().uuid(), d.reason(), java.time.Instant.now()), false);
    } else if (event instanceof CoordinatorEvent.ClientForgotten f) {
      append(JournalLines.forgotten(f.uuid()), false);
    } else if (event instanceof CoordinatorEvent.CaseStarted s) {
      CaseView c = s.kase();
      steps.remove(c.id());
      append(JournalLines.started(c.id(), c.members(), c.startedAt()), false);
    } else if (event instanceof CoordinatorEvent.CaseProgressed p) {
      TimelineEntry e = p.entry();
      boolean stepMoved = e.step() != null && e.kind() != TimelineEntry.Kind.ENDED && e.kind() != TimelineEntry.Kind.ARTIFACT;
      if (stepMoved && !e.step().equals(steps.put(p.caseId(), e.step()))) {
        append(JournalLines.step(p.caseId(), e.step(), e.at()), false);
      }
    } else if (event instanceof CoordinatorEvent.CaseEnded e) {
      steps.remove(e.kase().id());
      append(JournalLines.ended(e.kase()), true);
    } else if (event instanceof CoordinatorEvent.LateFile f) {
      append(JournalLines.ended(f.kase()), true); // the case again, with the file: its last line is the one read back
    }
  }

  @Override
  public void kept(String uuid, KeptToken token) {
    append(JournalLines.token(uuid, token), false);
  }

  /**
   * Adds a line; with {@code force}, also has it forced to the disk soon. A disk that fails is said
   * once in the log and the coordinator goes on: its tests matter more than their record.
   */
  private void append(JsonNode line, boolean force) {
    append(JournalLines.write(line), force);
  }

  private synchronized void append(String line, boolean force) {
    if (!out.isOpen()) return;
    long end = -1;
    try {
      end = out.size();
      ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) out.write(bytes);
      if (force) sync.request();
      if (failing) LOG.info("{} can be written again", file);
      failing = false;
    } catch (IOException e) {
      if (!failing) LOG.warn("{} cannot be written ({}): what happens now may not survive a restart", file, e.getMessage());
      failing = true;
      cutBackTo(end);
    }
  }

  /** Half a line left by a failed write would swallow the next good one: it goes. */
  private void cutBackTo(long end) {
    if (end < 0) return;
    try {
      out.truncate(end);
    } catch (IOException stillFailing) {
      // the next start drops or skips what is left, as it does a line cut off by a kill
    }
  }

  /**
   * A run that reported is complete: its journal moves aside, so the next run on this folder
   * starts fresh rather than finding every case already ended.
   */
  public synchronized void retire() throws IOException {
    close();
    Files.move(file, file.resolveSibling(PREVIOUS), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Waits until every case that has ended so far is on the disk. */
  public void awaitSynced() throws InterruptedException {
    sync.awaitSynced();
  }

  @Override
  public synchronized void close() {
    sync.close();
    try {
      if (out.isOpen()) {
        out.force(false);
        out.close();
      }
    } catch (IOException e) {
      LOG.warn("{} could not be closed: {}", file, e.getMessage());
    }
    if (lock != null && lock.channel().isOpen()) release(lock);
  }
}
