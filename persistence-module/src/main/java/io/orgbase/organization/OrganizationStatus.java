package io.orgbase.organization;

/** Lifecycle of an organization. */
public enum OrganizationStatus {
    ACTIVE,
    SUSPENDED,
    ARCHIVED
}
