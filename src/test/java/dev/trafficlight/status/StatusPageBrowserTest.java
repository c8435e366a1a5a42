package dev.trafficlight.status;

import dev.trafficlight.testing.Answers;
import static dev.trafficlight.status.Fixtures.act;
import static dev.trafficlight.status.Fixtures.poll;
import static dev.trafficlight.status.Fixtures.register;
import static dev.trafficlight.status.Fixtures.registration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trafficlight.core.Json;
import dev.trafficlight.core.port.Artifact;
import dev.trafficlight.testing.Tools;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page in a real headless Chromium while cases run: it follows them without a reload
 * and shows hostile client text as text. Chromium and its driver come from Debian's
 * {@code chromium} and {@code chromium-driver} packages.
 */
class StatusPageBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String HOSTILE = "<script>window.pwned=1</script>";
  private static final String FIRST = "chat[element-web, element-web]";
  private static final String SECOND = "chat[hydrogen, element-web]";

  private static Path profile;
  private static WebDriver browser;

  @TempDir
  Path dir;

  @BeforeAll
  static void startChromium() throws Exception {
    if (!Tools.available(CHROMIUM.toString()) || !Tools.available(CHROMEDRIVER.toString())) return; // each test says why
    profile = Files.createTempDirectory("trafficlight-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile, "--window-size=1360,1100");
    // the console tells of script errors and of anything the page's content security policy blocked
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SCREENSHOTS);
  }

  @BeforeEach
  void needsChromium() {
    Tools.require(CHROMIUM.toString(), CHROMEDRIVER.toString());
  }

  @AfterAll
  static void stopChromium() throws Exception {
    if (browser != null) browser.quit();
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  void the_overview_follows_a_case_from_running_to_passed_without_a_reload() throws Exception {
    try (StatusServer server = new StatusServer()) {
      server.coordinator.add(Fixtures.chat());
      register(server.coordinator, "5f3c0b8e-alice", registration("element-web", "1.11.85").put("note", HOSTILE)
          .put("browser", "chromium"));
      register(server.coordinator, "9a1d7e42-bob", registration("element-web", "1.11.85"));
      poll(server.coordinator, "5f3c0b8e-alice");

      browser.get(server.base() + "/");
      assertEquals(server.base() + "/status", browser.getCurrentUrl(), "/ redirects to the status page");
      assertEquals("running", text(stateOf(FIRST)));
      waitForLiveUpdates();
      ((JavascriptExecutor) browser).executeScript("window.sameDocument = 'yes';");
      screenshot("overview-running");

      act(server.coordinator, "5f3c0b8e-alice", "sent");
      act(server.coordinator, "9a1d7e42-bob", "received");

      new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> "passed".equals(text(stateOf(FIRST))));
      assertEquals("yes", ((JavascriptExecutor) browser).executeScript("return window.sameDocument;"),
          "the page changed without reloading");
      assertEquals("cell state-passed", browser.findElement(By.cssSelector("td[data-cell='" + FIRST + "']")).getAttribute("class"));
      assertEquals("1 passed", text(browser.findElement(By.cssSelector("ul[data-counts=''] [data-state='passed']"))));

      WebElement note = browser.findElement(By.xpath("//tr[@data-client='5f3c0b8e-alice']//span[b='note']"));
      assertEquals("note " + HOSTILE, note.getText(), "the hostile field is shown as text");
      assertEquals(null, ((JavascriptExecutor) browser).executeScript("return window.pwned === undefined ? null : 'ran';"));
      assertEquals(0L, ((JavascriptExecutor) browser).executeScript("return document.querySelectorAll('main script').length;"));
      screenshot("overview-passed");

      browser.get(server.base() + Links.caseLink(FIRST));
      assertTrue(browser.findElement(By.cssSelector("g[data-step='passed']")).getAttribute("class").contains("reached"));
      screenshot("case-passed");
    }
  }

  @Test
  void a_case_page_follows_its_case_to_a_failure_with_the_clients_report() throws Exception {
    try (StatusServer server = new StatusServer()) {
      server.coordinator.add(Fixtures.chat());
      browser.get(server.base() + Links.caseLink(SECOND));
      assertEquals("waiting", text(browser.findElement(By.cssSelector(".case-head [data-field='state']"))));
      assertTrue(browser.findElement(By.cssSelector("[data-field='waiting']")).getText().contains("type=hydrogen"),
          "a waiting case says what it waits for");
      waitForLiveUpdates();
      screenshot("case-waiting");

      register(server.coordinator, "c07e-hydrogen", registration("hydrogen", "0.4.1"));
      register(server.coordinator, "d2b1-bob", registration("element-web", "1.11.85"));
      act(server.coordinator, "c07e-hydrogen", "sent");
      Path log = Files.writeString(dir.resolve("stored"), "console log\n");
      server.coordinator.attach("c07e-hydrogen", server.coordinator.caseOf("c07e-hydrogen").orElse(null), new Artifact("console <1>.log", log.toString(), 12, "text/plain"));
      new WebDriverWait(browser, Duration.ofSeconds(10)).until(b ->
          b.findElement(By.cssSelector("g[data-step='receive']")).getAttribute("class").contains("current"));
      screenshot("case-running");

      poll(server.coordinator, "d2b1-bob");
      server.coordinator.fail("d2b1-bob", null, Answers.failure(Json.parse("{\"error\":{\"type\":\"action\",\"path\":\"/tmp/trace.zip\","
          + "\"details\":\"Timed out after 30000 ms waiting for <b>hello</b>\\n    at Timeline.waitFor (timeline.ts:88)\"}}")));

      new WebDriverWait(browser, Duration.ofSeconds(10)).until(b ->
          "failed".equals(text(b.findElement(By.cssSelector(".case-head [data-field='state']")))));
      assertTrue(browser.findElement(By.cssSelector("pre.details")).getText().contains("waiting for <b>hello</b>"));
      assertEquals("console <1>.log", browser.findElement(By.cssSelector("#files a")).getText());
      assertTrue(browser.findElements(By.cssSelector("#timeline-body tr")).size() >= 8, "the timeline grew live");
      screenshot("case-failed");
    }
  }

  /** The element's text as written, before CSS changes its case. */
  private static String text(WebElement element) {
    return element.getDomProperty("textContent");
  }

  @org.junit.jupiter.api.AfterEach
  void theConsoleStayedClean() {
    if (browser == null) return; // skipped: no Chromium
    List<String> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogEntry::getMessage).toList();
    assertEquals(List.of(), problems, "no script error or blocked request in the browser's console");
  }

  private WebElement stateOf(String caseId) {
    return browser.findElement(By.cssSelector("tr[data-case='" + caseId + "'] [data-field='state']"));
  }

  private void waitForLiveUpdates() {
    new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> "live".equals(b.findElement(By.id("live")).getText()));
  }

  /** The whole page, not just the window: the window is stretched to the page's height first. */
  private void screenshot(String name) throws Exception {
    org.openqa.selenium.Dimension window = browser.manage().window().getSize();
    long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight;");
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(window.getWidth(), (int) height + 150));
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    browser.manage().window().setSize(window);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
