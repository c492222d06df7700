package io.orgbase.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where Orgbase's JMS resource adapter (ActiveMQ Classic, deployed as {@code activemq-rar}) sends and
 * receives: an external broker when {@code ORGBASE_JMS_URL} is set (with {@code ORGBASE_JMS_USER} and
 * {@code ORGBASE_JMS_PASSWORD}), else a broker the adapter starts inside the server, reached in
 * memory (no port), persisting to {@code ORGBASE_HOME/broker}.
 */
public record Broker(Optional<String> url, Optional<String> user, Optional<String> password) {

    /** The name the application's descriptors and annotations expect the adapter under. */
    public static final String ADAPTER = "activemq-rar";

    static final String EMBEDDED_NAME = "orgbase";

    public static Broker from(Map<String, String> env) {
        Optional<String> url = nonBlank(env.get("ORGBASE_JMS_URL"));
        url.ifPresent(value -> {
            if (!value.matches("[A-Za-z0-9+.:/?=&,()%_\\[\\]-]+")) {
                throw new IllegalArgumentException("ORGBASE_JMS_URL must be an ActiveMQ broker URL such as "
                        + "tcp://broker:61616 or failover:(tcp://a:61616,tcp://b:61616)");
            }
        });
        Optional<String> user = nonBlank(env.get("ORGBASE_JMS_USER"));
        Optional<String> password = nonBlank(env.get("ORGBASE_JMS_PASSWORD"));
        // asadmin reads its command line word by word
        if (user.filter(name -> name.matches(".*\\s.*")).isPresent()
                || password.filter(secret -> secret.matches(".*\\s.*")).isPresent()) {
            throw new IllegalArgumentException("ORGBASE_JMS_USER and ORGBASE_JMS_PASSWORD cannot contain blanks");
        }
        return new Broker(url, user, password);
    }

    /**
     * The {@code asadmin create-resource-adapter-config} arguments that point the adapter at this
     * broker, {@code home} being {@code ORGBASE_HOME}. Must run before the adapter is deployed.
     */
    public List<String> adapterConfig(Path home) {
        List<String> properties = new ArrayList<>();
        if (url.isPresent()) {
            properties.add("ServerUrl=" + escape(url.get()));
            user.ifPresent(name -> properties.add("UserName=" + escape(name)));
            password.ifPresent(secret -> properties.add("Password=" + escape(secret)));
        } else {
            properties.add("ServerUrl=" + escape("vm://" + EMBEDDED_NAME + "?create=false"));
            properties.add("BrokerXmlConfig="
                    + escape("broker:(vm://" + EMBEDDED_NAME + ")/" + EMBEDDED_NAME
                            + "?persistent=true&useJmx=false&useShutdownHook=false&advisorySupport=false"
                            + "&schedulerSupport=false&dataDirectory=" + home.resolve("broker")));
        }
        return List.of("create-resource-adapter-config", "--property", String.join(":", properties), ADAPTER);
    }

    /** asadmin's property syntax: {@code :} separates properties, {@code =} name from value. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:").replace("=", "\\=");
    }

    private static Optional<String> nonBlank(String value) {
        return Optional.ofNullable(value).filter(text -> !text.isBlank()).map(String::strip);
    }
}
