package io.orgbase.audit;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.sessions.Session;

/** Puts {@link ChangeCapture} on every audited entity ({@code SessionDefaults} runs it). */
public class AuditCustomizer implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        ChangeCapture capture = new ChangeCapture();
        for (ClassDescriptor descriptor : session.getDescriptors().values()) {
            if (ChangeCapture.audited(descriptor.getJavaClass())) {
                descriptor.getEventManager().addListener(capture);
            }
        }
    }
}
