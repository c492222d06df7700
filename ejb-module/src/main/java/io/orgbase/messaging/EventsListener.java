package io.orgbase.messaging;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

/**
 * Takes events off the queue and hands them to the consumers. Its container transaction holds the
 * message alone: each consumer works in a database transaction of its own and records its failures,
 * so a message is acknowledged once every consumer applied it, scheduled a retry or gave up. Only a
 * failure to record even that (the database is away) rolls the delivery back, and the broker
 * redelivers it later (the adapter's backoff, in glassfish-ejb-jar.xml).
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(propertyName = "destination", propertyValue = Messaging.EVENTS_QUEUE)
        })
public class EventsListener implements MessageListener {

    @EJB
    Consumers consumers;

    @Override
    public void onMessage(Message message) {
        try {
            String text = message instanceof TextMessage textMessage ? textMessage.getText() : null;
            String consumer = message.getStringProperty(Messaging.CONSUMER_PROPERTY);
            int attempt = message.propertyExists(Messaging.ATTEMPT_PROPERTY)
                    ? message.getIntProperty(Messaging.ATTEMPT_PROPERTY)
                    : 0;
            consumers.deliver(text, consumer, attempt);
        } catch (JMSException e) {
            throw new IllegalStateException("reading an event message failed", e);
        }
    }
}
