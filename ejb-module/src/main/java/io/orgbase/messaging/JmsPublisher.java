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
 * Sends outbox rows to the events queue in a JTA transaction of its own that holds the broker alone
 * (committed in one phase), while the caller's database transaction waits: the two are never
 * enlisted together, so nothing needs XA. The adapter refuses transacted sessions outside a JTA
 * transaction.
 *
 * <p>The connection factory comes from the resource adapter deployed beside Orgbase under the name
 * {@code activemq-rar} (ActiveMQ Classic; see server-config). Its adapter has no {@code JMSContext},
 * hence the classic API.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
@ConnectionFactoryDefinition(
        name = Messaging.CONNECTION_FACTORY,
        interfaceName = "jakarta.jms.ConnectionFactory",
        resourceAdapter = Messaging.RESOURCE_ADAPTER)
public class JmsPublisher {

    @Resource(lookup = Messaging.CONNECTION_FACTORY)
    ConnectionFactory factory;

    public void send(List<OutboxBatch.Row> rows) {
        try (Connection connection = factory.createConnection();
                // inside the JTA transaction the arguments are ignored; the adapter has no createSession()
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
        } catch (JMSException e) {
            throw new IllegalStateException("the broker refused " + rows.size() + " events: " + e.getMessage(), e);
        }
    }
}
