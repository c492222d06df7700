package io.orgbase.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerTest {

    @Test
    void withoutAUrlTheAdapterStartsAPersistentBrokerInTheServerReachedInMemory() {
        List<String> command = Broker.from(Map.of()).adapterConfig(Path.of("/srv/orgbase"));
        assertThat(command).first().isEqualTo("create-resource-adapter-config");
        assertThat(command).last().isEqualTo(Broker.ADAPTER);
        String properties = command.get(2);
        assertThat(properties)
                .startsWith(
                        "ServerUrl=vm\\://orgbase?create\\=false:BrokerXmlConfig=broker\\:(vm\\://orgbase)/orgbase?")
                .contains("persistent\\=true")
                .contains("useJmx\\=false")
                .endsWith("dataDirectory\\=/srv/orgbase/broker");
        // asadmin splits properties at unescaped colons: exactly two here
        assertThat(properties.split("(?<!\\\\):")).hasSize(2);
    }

    @Test
    void anExternalBrokerIsOneSettingWithItsCredentials() {
        List<String> command = Broker.from(Map.of(
                        "ORGBASE_JMS_URL", "failover:(tcp://a:61616,tcp://b:61616)",
                        "ORGBASE_JMS_USER", "orgbase",
                        "ORGBASE_JMS_PASSWORD", "p:w=d"))
                .adapterConfig(Path.of("/srv/orgbase"));
        assertThat(command.get(2))
                .isEqualTo(
                        "ServerUrl=failover\\:(tcp\\://a\\:61616,tcp\\://b\\:61616):UserName=orgbase:Password=p\\:w\\=d");
        assertThat(command.get(2)).doesNotContain("BrokerXmlConfig");
    }

    @Test
    void refusesWhatAsadminWouldMisread() {
        assertThatThrownBy(() -> Broker.from(Map.of("ORGBASE_JMS_URL", "tcp://a:61616 --evil")))
                .hasMessageContaining("ORGBASE_JMS_URL");
        assertThatThrownBy(() -> Broker.from(Map.of("ORGBASE_JMS_URL", "tcp://a:61616", "ORGBASE_JMS_PASSWORD", "a b")))
                .hasMessageContaining("blanks");
    }
}
