package io.orgbase.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ReexecTest {

    @Test
    void theCommandRunsTheMainClassOnTheLoadersClasspathWithTheOrgbaseProperties(@TempDir Path dir) throws Exception {
        Path jar = Files.createFile(dir.resolve("a b.jar"));
        System.setProperty("orgbase.reexec.test", "kept");
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {jar.toUri().toURL(), dir.toUri().toURL()}, null)) {
            List<String> command = Reexec.command(
                            loader, ReexecTest.class, List.of("-Xmx32m"), Map.of("orgbase.x", "y"))
                    .orElseThrow();
            assertThat(command.get(0))
                    .isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java")
                            .toString());
            assertThat(command)
                    .contains("-Xmx32m", "-Dorgbase.reexec.test=kept", "-Dorgbase.x=y")
                    .containsSubsequence("-cp", jar + File.pathSeparator + dir, ReexecTest.class.getName())
                    .last()
                    .isEqualTo(ReexecTest.class.getName());
        } finally {
            System.clearProperty("orgbase.reexec.test");
        }
        // the application class loader is no URLClassLoader: nothing to run, the caller stays
        assertThat(Reexec.command(ClassLoader.getSystemClassLoader(), ReexecTest.class, List.of(), Map.of()))
                .isEmpty();
    }

    @Test
    void whatAPersonSetForTheLaunchersWorkGoesAlongAndMavensOwnStays() {
        assertThat(Reexec.carried("orgbase.micro.jar")).isTrue();
        assertThat(Reexec.carried("java.io.tmpdir")).isTrue();
        assertThat(Reexec.carried("java.util.logging.SimpleFormatter.format")).isTrue();
        assertThat(Reexec.carried("https.proxyHost")).isTrue();
        assertThat(Reexec.carried("javax.net.ssl.trustStore")).isTrue();
        assertThat(Reexec.carried("maven.home")).isFalse();
        assertThat(Reexec.carried("classworlds.conf")).isFalse();
        assertThat(Reexec.carried("java.class.path")).isFalse();
        assertThat(Reexec.carried("user.dir")).isFalse();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theProcessBecomesTheNewCommandWithNothingOfTheOldOne(@TempDir Path dir) throws Exception {
        Path held = Files.writeString(dir.resolve("held-open"), "x");
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Probe.class.getName(),
                        held.toString())
                .redirectErrorStream(true)
                .start();
        String output;
        try (InputStream in = process.getInputStream()) {
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.exitValue()).as(output).isZero();
        Map<String, String> seen = new HashMap<>();
        output.lines().filter(line -> line.contains("=")).forEach(line -> {
            String[] parts = line.split("=", 2);
            seen.put(parts[0], parts[1]);
        });
        // the same process (a shell's job, a terminal's foreground group), now the new program
        assertThat(seen).containsEntry("pid", Long.toString(process.pid()));
        assertThat(seen).containsEntry("stage", "after").containsEntry("env", "handed-over");
        // nothing blocked: a JVM thread blocks SIGQUIT (thread dumps), which an exec would pass on
        assertThat(seen.get("blocked")).isEqualTo("0000000000000000");
        // the old JVM's descriptors did not come along
        assertThat(seen.get("fds")).doesNotContain(held.toString());
        // and the new JVM's options apply (this test's JVM has far more than 32 MB)
        assertThat(Long.parseLong(seen.get("heap"))).isLessThanOrEqualTo(32L * 1024 * 1024);
    }

    /** Replaces itself with a second JVM of itself, which reports what it inherited. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            if ("after".equals(System.getProperty("orgbase.probe.stage"))) {
                report();
                return;
            }
            try (InputStream held = Files.newInputStream(Path.of(args[0]))) {
                List<URL> urls = new ArrayList<>();
                for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
                URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), null);
                List<String> command = Reexec.command(
                                loader,
                                Probe.class,
                                List.of("-Xmx32m", "-XX:+UseSerialGC"),
                                Map.of("orgbase.probe.stage", "after"))
                        .orElseThrow();
                Map<String, String> env = new HashMap<>(System.getenv());
                env.put("ORGBASE_PROBE", "handed-over");
                Reexec.replaceWith(command, env);
                System.out.println("not replaced");
                System.exit(3);
            }
        }

        private static void report() throws IOException {
            System.out.println("stage=after");
            System.out.println("pid=" + ProcessHandle.current().pid());
            System.out.println("env=" + System.getenv("ORGBASE_PROBE"));
            System.out.println("heap=" + Runtime.getRuntime().maxMemory());
            String blocked = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("SigBlk:"))
                    .map(line -> line.substring("SigBlk:".length()).strip())
                    .findFirst()
                    .orElse("?");
            System.out.println("blocked=" + blocked);
            List<String> targets = new ArrayList<>();
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                for (Path fd : fds.toList()) {
                    try {
                        targets.add(Files.readSymbolicLink(fd).toString());
                    } catch (IOException gone) {
                        // the listing's own descriptor
                    }
                }
            }
            System.out.println("fds=" + String.join(",", targets));
        }
    }
}
