package io.orgbase.messaging;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.resource.ConnectionFactoryDefinition;
import java.util.List;

/**
 * Sends outbox rows to the events queue in one local JMS transaction, outside the caller's JTA
 * transaction: the database and the broker are never enlisted together, so nothing needs XA.
 *
 * <p>The connection factory comes from the resource adapter deployed beside Orgbase under the name
 * {@code activemq-rar} (ActiveMQ Classic; see server-config). Its adapter has no {@code JMSContext},
 * hence the classic API.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@ConnectionFactoryDefinition(
        name = Messaging.CONNECTION_FACTORY,
        interfaceName = "jakarta.jms.ConnectionFactory",
        resourceAdapter = Messaging.RESOURCE_ADAPTER)
public class JmsPublisher {

    @Resource(lookup = Messaging.CONNECTION_FACTORY)
    ConnectionFactory factory;

    void send(List<OutboxBatch.Row> rows) {
        try (Connection connection = factory.createConnection();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            MessageProducer producer = session.createProducer(session.createQueue(Messaging.EVENTS_QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (OutboxBatch.Row row : rows) {
                TextMessage message = session.createTextMessage(row.envelope());
                message.setStringProperty(Messaging.TYPE_PROPERTY, row.type());
                if (row.orgId() != null) {
                    message.setStringProperty(
                            Messaging.ORG_PROPERTY, row.orgId().toString());
                }
                if (row.consumer() != null) {
                    message.setStringProperty(Messaging.CONSUMER_PROPERTY, row.consumer());
                }
                message.setIntProperty(Messaging.ATTEMPT_PROPERTY, row.attempt());
                producer.send(message);
            }
            session.commit();
        } catch (JMSException e) {
            throw new IllegalStateException("the broker refused " + rows.size() + " events: " + e.getMessage(), e);
        }
    }
}
