package io.orgbase.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LauncherSettingsTest {

    private static Properties build() {
        Properties properties = new Properties();
        properties.setProperty("orgbase.micro.jar", "/opt/payara-micro.jar");
        properties.setProperty("orgbase.war", "/opt/orgbase.war");
        properties.setProperty("orgbase.rar", "/opt/activemq-rar.rar");
        return properties;
    }

    @Test
    void defaultsToPort8080AnEmbeddedDatabaseAndVar() {
        LauncherSettings settings = LauncherSettings.from(Map.of(), build());
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.home()).isEqualTo(Path.of("var").toAbsolutePath());
        assertThat(settings.externalDatabase()).isEmpty();
        assertThat(settings.passThrough()).isEmpty();
    }

    @Test
    void readsTheEnvironment() {
        LauncherSettings settings = LauncherSettings.from(
                Map.of(
                        "PORT", "9090",
                        "ORGBASE_HOME", "/srv/orgbase",
                        "DB_URL", "jdbc:postgresql://db/orgbase",
                        "DB_USER", "app",
                        "DB_PASSWORD", "secret",
                        "DB_MIGRATION_USER", "owner",
                        "ORGBASE_ADMIN_EMAIL", "ops@example.com"),
                build());
        assertThat(settings.port()).isEqualTo(9090);
        assertThat(settings.home()).isEqualTo(Path.of("/srv/orgbase"));
        assertThat(settings.externalDatabase()).hasValueSatisfying(db -> {
            assertThat(db.user()).isEqualTo("app");
            assertThat(db.migrationUser()).isEqualTo("owner");
            assertThat(db.migrationPassword()).isEqualTo("secret");
        });
        assertThat(settings.passThrough()).containsEntry("ORGBASE_ADMIN_EMAIL", "ops@example.com");
    }

    @Test
    void aVariableSetButBlankCountsAsNotSet() {
        LauncherSettings settings = LauncherSettings.from(
                Map.of(
                        "PORT", "",
                        "ORGBASE_HOME", " ",
                        "ORGBASE_JAVA_OPTS", "",
                        "ORGBASE_LOG_FORMAT", "",
                        "ORGBASE_CLUSTER_NAME", "",
                        "DB_URL", "jdbc:postgresql://db/orgbase",
                        "DB_USER", "app",
                        "DB_PASSWORD", "secret",
                        "DB_MIGRATION_PASSWORD", ""),
                build());
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.home()).isEqualTo(Path.of("var").toAbsolutePath());
        assertThat(settings.javaOptions()).isEqualTo(LauncherSettings.defaultJavaOptions());
        assertThat(settings.cluster()).isEmpty();
        assertThat(settings.externalDatabase())
                .as("an empty password is a password")
                .hasValueSatisfying(db -> assertThat(db.migrationPassword()).isEmpty());
        assertThat(LauncherSettings.jsonLog(Map.of("ORGBASE_LOG_FORMAT", ""))).isFalse();
    }

    @Test
    void aSmallMachineGetsAThirdCompilerThreadAndALargerOneKeepsTheJvmsCount() {
        for (int processors : new int[] {1, 2, 3}) {
            assertThat(LauncherSettings.defaultJavaOptions(processors, false))
                    .as("%d processors", processors)
                    .isEqualTo(LauncherSettings.DEFAULT_JAVA_OPTIONS + " -XX:CICompilerCount=3");
        }
        for (int processors : new int[] {4, 16}) {
            assertThat(LauncherSettings.defaultJavaOptions(processors, false))
                    .as("%d processors", processors)
                    .isEqualTo(LauncherSettings.DEFAULT_JAVA_OPTIONS);
        }
    }

    @Test
    void theNativeHeapIsTrimmedOnlyByAJvmThatKnowsTheOption() {
        assertThat(LauncherSettings.defaultJavaOptions(8, true))
                .isEqualTo(LauncherSettings.DEFAULT_JAVA_OPTIONS + " -XX:TrimNativeHeapInterval=5000");
        assertThat(LauncherSettings.hasVmOption("MaxHeapSize"))
                .as("every HotSpot JVM has it, and the build runs on one")
                .isTrue();
        assertThat(LauncherSettings.hasVmOption("NoSuchOptionOfAnyJvm")).isFalse();
    }

    /** A JVM refuses to start with an option it does not know: the defaults must hold none. */
    @Test
    void theDefaultOptionsStartTheJvmTheServerRunsOn() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(LauncherSettings.defaultJavaOptions().split("\\s+")));
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor()).as("%s%n%s", command, output).isZero();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> LauncherSettings.from(Map.of("PORT", "http"), build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PORT");
        assertThatThrownBy(() -> LauncherSettings.from(Map.of("PORT", "70000"), build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LauncherSettings.from(Map.of("DB_URL", "jdbc:postgresql://db/x"), build()))
                .hasMessageContaining("DB_USER");
        assertThatThrownBy(() -> LauncherSettings.from(Map.of(), new Properties()))
                .hasMessageContaining("orgbase.micro.jar");
    }

    @Test
    void joinsAClusterOnlyWhenOneIsNamed() {
        assertThat(LauncherSettings.from(Map.of(), build()).cluster()).isEmpty();
        LauncherSettings.Cluster alone = LauncherSettings.from(Map.of("ORGBASE_CLUSTER_NAME", "prod"), build())
                .cluster()
                .orElseThrow();
        assertThat(alone.port()).isEqualTo(6900);
        assertThat(alone.members()).isEqualTo("127.0.0.1:6900");
        LauncherSettings settings = LauncherSettings.from(
                Map.of(
                        "ORGBASE_CLUSTER_NAME", "prod",
                        "ORGBASE_CLUSTER_PORT", "5901",
                        "ORGBASE_CLUSTER_INTERFACE", "10.0.0.2",
                        "ORGBASE_CLUSTER_MEMBERS", "10.0.0.1:5901,10.0.0.2:5901"),
                build());
        assertThat(settings.cluster().orElseThrow().members()).isEqualTo("10.0.0.1:5901,10.0.0.2:5901");
        assertThat(settings.passThrough()).doesNotContainKey("ORGBASE_CLUSTER_NAME");
        for (String name : java.util.List.of("a b", "--nocluster")) {
            assertThatThrownBy(() -> LauncherSettings.from(Map.of("ORGBASE_CLUSTER_NAME", name), build()))
                    .hasMessageContaining("ORGBASE_CLUSTER_NAME");
        }
        assertThatThrownBy(() -> LauncherSettings.from(
                        Map.of("ORGBASE_CLUSTER_NAME", "prod", "ORGBASE_CLUSTER_PORT", "x"), build()))
                .hasMessageContaining("ORGBASE_CLUSTER_PORT");
        assertThatThrownBy(() -> LauncherSettings.from(
                        Map.of("ORGBASE_CLUSTER_NAME", "prod", "ORGBASE_CLUSTER_INTERFACE", "--publicaddress"),
                        build()))
                .hasMessageContaining("ORGBASE_CLUSTER_INTERFACE");
        assertThatThrownBy(() -> LauncherSettings.from(
                        Map.of("ORGBASE_CLUSTER_NAME", "prod", "ORGBASE_CLUSTER_MEMBERS", "a:1;rm -rf /"), build()))
                .hasMessageContaining("ORGBASE_CLUSTER_MEMBERS");
    }
}
