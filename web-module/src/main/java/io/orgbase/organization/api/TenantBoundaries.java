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
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** The boundaries the resources below {@code /orgs/{org}} call, injected once for the locator. */
@Dependent
public class TenantBoundaries {

    @Inject
    Organizations organizations;

    @Inject
    NotificationPreferences notificationPreferences;

    @Inject
    MailTemplateOverrides mailTemplates;

    @Inject
    DataJobs dataJobs;

    @Inject
    Memberships memberships;

    @Inject
    Departments departments;

    @Inject
    Categories categories;

    @Inject
    ApiKeys apiKeys;

    @Inject
    Invitations invitations;

    @Inject
    OrganizationRoles roles;

    @Inject
    AuditEvents audit;

    @Inject
    Announcements announcements;

    @Inject
    Settings settings;

    @Inject
    Features features;

    @Inject
    Teams teams;

    @Inject
    CustomFields customFields;

    @Inject
    ContactBook contacts;

    @Inject
    Analytics analytics;

    @Inject
    TagVocabulary tags;

    @Inject
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
