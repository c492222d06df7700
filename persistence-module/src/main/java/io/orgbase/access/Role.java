package io.orgbase.access;

/** System roles of a membership, from most to least powerful. */
public enum Role {
    OWNER,
    ADMIN,
    MEMBER,
    VIEWER
}
