package io.orgbase.organization.api;

import io.orgbase.access.boundary.OrganizationRoles;
import io.orgbase.analytics.boundary.Analytics;
import io.orgbase.audit.boundary.AuditEvents;
import io.orgbase.bundle.boundary.OrganizationBundles;
import io.orgbase.category.boundary.Categories;
import io.orgbase.contact.boundary.ContactBook;
import io.orgbase.customfield.boundary.CustomFields;
import io.orgbase.datajob.boundary.DataJobs;
import io.orgbase.department.boundary.Departments;
import io.orgbase.feature.boundary.Features;
import io.orgbase.identity.boundary.ApiKeys;
import io.orgbase.mail.boundary.MailTemplateOverrides;
import io.orgbase.notification.boundary.Announcements;
import io.orgbase.notification.boundary.NotificationPreferences;
import io.orgbase.organization.boundary.Invitations;
import io.orgbase.organization.boundary.Memberships;
import io.orgbase.organization.boundary.Organizations;
import io.orgbase.settings.boundary.Settings;
import io.orgbase.tag.boundary.TagVocabulary;
import io.orgbase.team.boundary.Teams;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;

/**
 * The boundaries the resources below {@code /orgs/{org}} call, injected once for the locator.
 *
 * <p>As EJB references, not CDI ones: through Weld's proxy of a session bean every call asked
 * Payara for the bean's business object, which for a no-interface view first tries it as a JDK
 * proxy and fails with an exception ({@code EjbContainerServicesImpl.getEJBLocalObject}): 1.7% of
 * a department read's CPU (2026-12-07, async-profiler). The container's interceptors, CDI's
 * included, run the same either way.
 */
@Dependent
public class TenantBoundaries {

    @EJB
    Organizations organizations;

    @EJB
    NotificationPreferences notificationPreferences;

    @EJB
    MailTemplateOverrides mailTemplates;

    @EJB
    DataJobs dataJobs;

    @EJB
    Memberships memberships;

    @EJB
    Departments departments;

    @EJB
    Categories categories;

    @EJB
    ApiKeys apiKeys;

    @EJB
    Invitations invitations;

    @EJB
    OrganizationRoles roles;

    @EJB
    AuditEvents audit;

    @EJB
    Announcements announcements;

    @EJB
    Settings settings;

    @EJB
    Features features;

    @EJB
    Teams teams;

    @EJB
    CustomFields customFields;

    @EJB
    ContactBook contacts;

    @EJB
    Analytics analytics;

    @EJB
    TagVocabulary tags;

    @EJB
    OrganizationBundles bundles;

    public Organizations organizations() {
        return organizations;
    }

    public Memberships memberships() {
        return memberships;
    }

    public Departments departments() {
        return departments;
    }

    public Categories categories() {
        return categories;
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    public Invitations invitations() {
        return invitations;
    }

    public OrganizationRoles roles() {
        return roles;
    }

    public AuditEvents audit() {
        return audit;
    }

    public Announcements announcements() {
        return announcements;
    }

    public NotificationPreferences notificationPreferences() {
        return notificationPreferences;
    }

    public DataJobs dataJobs() {
        return dataJobs;
    }

    public MailTemplateOverrides mailTemplates() {
        return mailTemplates;
    }

    public Settings settings() {
        return settings;
    }

    public Features features() {
        return features;
    }

    public Teams teams() {
        return teams;
    }

    public Analytics analytics() {
        return analytics;
    }

    public ContactBook contacts() {
        return contacts;
    }

    public CustomFields customFields() {
        return customFields;
    }

    public TagVocabulary tags() {
        return tags;
    }

    public OrganizationBundles bundles() {
        return bundles;
    }
}
