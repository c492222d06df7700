package io.orgbase.identity;

import io.orgbase.audit.Redacted;
import io.orgbase.persistence.BaseEntity;
import io.orgbase.persistence.NullableUuidConverter;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A person who can sign in. The email is stored lowercased. An account owns its email only once the
 * address is verified ({@link #getEmailVerifiedVia()}): one verified account per address, while
 * several unverified accounts may claim one (see {@code Accounts}).
 */
@Entity
@Table(name = "app_user")
@NamedQuery(
        name = "User.findVerifiedByEmail",
        query = "select u from User u where u.email = :email and u.emailVerifiedAt is not null")
@NamedQuery(
        name = "User.unverifiedByEmail",
        query = "select u from User u where u.email = :email and u.emailVerifiedAt is null order by u.createdAt, u.id")
@NamedQuery(name = "User.countPlatformAdmins", query = "select count(u) from User u where u.platformAdmin = true")
public class User extends BaseEntity {

    @Column(name = "email", nullable = false, unique = true)
    private String email;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    /**
     * Read only when a password is checked or changed (the woven getter fetches it then): member
     * lists, directories and searches load users without it.
     */
    @Redacted
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "platform_admin", nullable = false)
    private boolean platformAdmin;

    @Column(name = "default_org_id")
    @Convert(converter = NullableUuidConverter.class)
    private UUID defaultOrgId;

    @Column(name = "phone")
    private String phone;

    @Column(name = "language")
    private String language;

    @Column(name = "timezone")
    private String timezone;

    @Column(name = "avatar_url")
    private String avatarUrl;

    @Column(name = "email_verified_at")
    private OffsetDateTime emailVerifiedAt;

    @Column(name = "email_verified_via")
    private String emailVerifiedVia;

    protected User() {}

    public User(String email, String displayName, String passwordHash) {
        this.email = email;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
    }

    public String getEmail() {
        return email;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public boolean isPlatformAdmin() {
        return platformAdmin;
    }

    public void setPlatformAdmin(boolean platformAdmin) {
        this.platformAdmin = platformAdmin;
    }

    /** The organization {@code current} means when a request has no subdomain; may be null. */
    public UUID getDefaultOrgId() {
        return defaultOrgId;
    }

    public void setDefaultOrgId(UUID defaultOrgId) {
        this.defaultOrgId = defaultOrgId;
    }

    /** E.164 ({@code +41446681800}), or null. */
    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    /** Preferred BCP 47 language, canonical; null: the organization's. */
    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    /** Preferred IANA time zone; null: the organization's. */
    public String getTimezone() {
        return timezone;
    }

    public void setTimezone(String timezone) {
        this.timezone = timezone;
    }

    /** An https URL of the user's picture, or null. */
    public String getAvatarUrl() {
        return avatarUrl;
    }

    public void setAvatarUrl(String avatarUrl) {
        this.avatarUrl = avatarUrl;
    }

    /** Whether the account owns its email: someone proved they receive mail there. */
    public boolean isEmailVerified() {
        return emailVerifiedAt != null;
    }

    public OffsetDateTime getEmailVerifiedAt() {
        return emailVerifiedAt;
    }

    /** How the address was proven: {@code admin}, {@code link} or {@code oidc}; null while unverified. */
    public String getEmailVerifiedVia() {
        return emailVerifiedVia;
    }

    public void verifyEmail(String via, OffsetDateTime at) {
        this.emailVerifiedVia = via;
        this.emailVerifiedAt = at;
    }

    /** Withdraws the verification (a platform administrator corrects a mistaken one). */
    public void unverifyEmail() {
        this.emailVerifiedVia = null;
        this.emailVerifiedAt = null;
    }

    /** Moves the account to an address it has just proven by a link sent there. */
    public void moveToVerifiedEmail(String email, OffsetDateTime at) {
        this.email = email;
        this.emailVerifiedVia = "link";
        this.emailVerifiedAt = at;
    }
}
