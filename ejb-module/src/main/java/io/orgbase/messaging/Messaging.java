package io.orgbase.messaging;

/** Names shared by the publisher, the listeners and the server configuration. */
public final class Messaging {

    /** The resource adapter's name on the server (server-config deploys it under this name). */
    public static final String RESOURCE_ADAPTER = "activemq-rar";

    public static final String CONNECTION_FACTORY = "java:app/jms/orgbase";

    /** Every domain event, and every retry of one consumer's attempt. */
    public static final String EVENTS_QUEUE = "orgbase.events";

    static final String TYPE_PROPERTY = "orgbaseType";
    static final String ORG_PROPERTY = "orgbaseOrgId";
    static final String CONSUMER_PROPERTY = "orgbaseConsumer";
    static final String ATTEMPT_PROPERTY = "orgbaseAttempt";

    private Messaging() {}
}
