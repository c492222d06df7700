package io.orgbase.soap;

import io.orgbase.collections.CollectionRequest;
import io.orgbase.collections.Slice;
import io.orgbase.contact.Contact;
import io.orgbase.contact.ContactEmail;
import io.orgbase.contact.ContactPhone;
import io.orgbase.department.Department;
import io.orgbase.organization.Invitation;
import io.orgbase.organization.Organization;
import io.orgbase.organization.boundary.Memberships.Member;
import io.orgbase.problems.InvalidInput;
import io.orgbase.requests.CollectionParams;
import io.orgbase.requests.CollectionQuery;
import io.orgbase.soap.v1.types.Employment;
import io.orgbase.soap.v1.types.PageRequest;
import io.orgbase.soap.v1.types.Team;
import io.orgbase.soap.v1.types.TeamMember;
import io.orgbase.soap.v1.types.TeamRole;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/**
 * The SOAP contract's types from Orgbase's records, and its requests checked as the schema says:
 * JAX-WS stacks do not validate against the schema, so every required element, id pattern, page
 * limit and search length is checked here, with the element's name in the field error.
 */
final class SoapTypes {

    private static final DatatypeFactory DATES;
    private static final Pattern ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_REFERENCE = 100;
    private static final int MAX_TEXT = 320;

    static {
        try {
            DATES = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private SoapTypes() {}

    // ---- requests ----

    /** An organization reference as REST paths take it (slug or id). */
    static String org(String reference) {
        String value = required("org", reference);
        if (value.length() > MAX_REFERENCE) {
            throw InvalidInput.field("org", "must be at most " + MAX_REFERENCE + " characters");
        }
        return value;
    }

    static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw InvalidInput.field(field, "is required");
        }
        if (value.length() > MAX_TEXT) {
            throw InvalidInput.field(field, "must be at most " + MAX_TEXT + " characters");
        }
        return value.strip();
    }

    static UUID id(String field, String value) {
        String text = required(field, value);
        if (!ID.matcher(text).matches()) {
            throw InvalidInput.field(field, "must be an id (a UUID)");
        }
        return UUID.fromString(text);
    }

    static UUID optionalId(String field, String value) {
        return value == null || value.isBlank() ? null : id(field, value);
    }

    /** A page of a collection in its default order, with REST's cursors; a search is charged as in REST. */
    static CollectionRequest page(PageRequest page, String query, Map<String, List<String>> filters) {
        int limit = CollectionRequest.DEFAULT_LIMIT;
        String cursor = null;
        if (page != null) {
            if (page.getLimit() != null) {
                limit = page.getLimit();
                if (limit < 1 || limit > CollectionRequest.MAX_LIMIT) {
                    throw InvalidInput.field("page.limit", "must be between 1 and " + CollectionRequest.MAX_LIMIT);
                }
            }
            cursor = page.getAfter() == null || page.getAfter().isBlank() ? null : page.getAfter();
        }
        String q = query == null || query.isBlank() ? null : query.strip();
        if (q != null && q.length() > CollectionQuery.MAX_SEARCH_LENGTH) {
            throw InvalidInput.field("query", "must be at most " + CollectionQuery.MAX_SEARCH_LENGTH + " characters");
        }
        CollectionRequest request = new CollectionRequest(limit, cursor, List.of(), null, filters, q, false);
        CollectionParams.charge(request);
        return request;
    }

    /** Fills a response's list and its {@code next}. */
    static <T, R> void fill(
            Slice<T> slice, java.util.function.Function<T, R> map, List<R> into, Consumer<String> next) {
        slice.items().forEach(item -> into.add(map.apply(item)));
        next.accept(slice.nextCursor());
    }

    static io.orgbase.organization.boundary.Employment employment(Employment given) {
        if (given == null) {
            return new io.orgbase.organization.boundary.Employment(null, null, null, null);
        }
        return new io.orgbase.organization.boundary.Employment(
                blankToNull(given.getJobTitle()),
                blankToNull(given.getEmployeeNumber()),
                optionalId("employment.departmentId", given.getDepartmentId()),
                optionalId("employment.managerId", given.getManagerId()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static io.orgbase.team.TeamMember.TeamRole teamRole(TeamRole role) {
        return role == TeamRole.LEAD
                ? io.orgbase.team.TeamMember.TeamRole.LEAD
                : io.orgbase.team.TeamMember.TeamRole.MEMBER;
    }

    // ---- answers ----

    static io.orgbase.soap.v1.types.Organization organization(Organization o) {
        io.orgbase.soap.v1.types.Organization view = new io.orgbase.soap.v1.types.Organization();
        view.setId(text(o.getId()));
        view.setSlug(o.getSlug());
        view.setCode(o.getCode());
        view.setName(o.getName());
        view.setType(o.getType());
        view.setStatus(o.getStatus().name().toLowerCase(Locale.ROOT));
        view.setParentId(text(o.getParentId()));
        view.setTimezone(o.getTimezone());
        view.setLanguage(o.getLanguage());
        view.setCurrency(o.getCurrencyCode());
        view.getTag().addAll(o.getTags());
        view.setCreatedAt(date(o.getCreatedAt()));
        view.setUpdatedAt(date(o.getUpdatedAt()));
        view.setVersion(o.getVersion());
        return view;
    }

    static io.orgbase.soap.v1.types.Department department(Department d) {
        io.orgbase.soap.v1.types.Department view = new io.orgbase.soap.v1.types.Department();
        view.setId(text(d.getId()));
        view.setName(d.getName());
        view.setCode(d.getCode());
        view.setParentId(text(d.getParentId()));
        view.setDepth(d.getDepth());
        view.setDescription(d.getDescription());
        view.setHeadId(text(d.getHeadId()));
        view.getTag().addAll(d.getTags());
        view.setVersion(d.getVersion());
        return view;
    }

    static Team team(io.orgbase.team.Team t) {
        Team view = new Team();
        view.setId(text(t.getId()));
        view.setName(t.getName());
        view.setDescription(t.getDescription());
        view.getTag().addAll(t.getTags());
        view.setVersion(t.getVersion());
        return view;
    }

    static TeamMember teamMember(io.orgbase.team.TeamMember m) {
        TeamMember view = new TeamMember();
        view.setTeamId(text(m.getTeamId()));
        view.setUserId(text(m.getUserId()));
        view.setRole(m.getRole() == io.orgbase.team.TeamMember.TeamRole.LEAD ? TeamRole.LEAD : TeamRole.MEMBER);
        view.setVersion(m.getVersion());
        return view;
    }

    static io.orgbase.soap.v1.types.Member member(Member member) {
        io.orgbase.soap.v1.types.Member view = new io.orgbase.soap.v1.types.Member();
        view.setUserId(text(member.user().getId()));
        view.setEmail(member.user().getEmail());
        view.setEmailVerified(member.user().isEmailVerified());
        view.setDisplayName(member.user().getDisplayName());
        view.setRole(member.membership().getRole().key());
        view.setActive(member.membership().isActive());
        view.setInherited(member.membership().isInherited());
        Employment employment = new Employment();
        employment.setJobTitle(member.membership().getJobTitle());
        employment.setEmployeeNumber(member.membership().getEmployeeNumber());
        employment.setDepartmentId(text(member.membership().getDepartmentId()));
        employment.setManagerId(text(member.membership().getManagerId()));
        view.setEmployment(employment);
        view.setJoinedAt(date(member.membership().getCreatedAt()));
        view.setLastActiveAt(date(member.membership().getLastActiveAt()));
        view.setVersion(member.membership().getVersion());
        return view;
    }

    static io.orgbase.soap.v1.types.Contact contact(Contact c) {
        io.orgbase.soap.v1.types.Contact view = new io.orgbase.soap.v1.types.Contact();
        view.setId(text(c.getId()));
        view.setTitle(c.getTitle());
        view.setFirstName(c.getFirstName());
        view.setLastName(c.getLastName());
        view.setJobTitle(c.getJobTitle());
        view.setOrganizationName(c.getOrganizationName());
        view.setStatus(c.getStatus());
        c.getEmails().stream()
                .filter(ContactEmail::isPrimary)
                .findFirst()
                .ifPresent(e -> view.setPrimaryEmail(e.getEmail()));
        c.getPhones().stream()
                .filter(ContactPhone::isPrimary)
                .findFirst()
                .ifPresent(p -> view.setPrimaryPhone(p.getNumber()));
        view.getTag().addAll(c.getTags());
        view.setVersion(c.getVersion());
        return view;
    }

    static io.orgbase.soap.v1.types.Invitation invitation(Invitation invitation) {
        io.orgbase.soap.v1.types.Invitation view = new io.orgbase.soap.v1.types.Invitation();
        view.setId(text(invitation.getId()));
        view.setEmail(invitation.getEmail());
        view.setRole(invitation.getRole().key());
        view.setStatus(invitation.status(OffsetDateTime.now(ZoneOffset.UTC)));
        view.setExpiresAt(date(invitation.getExpiresAt()));
        view.setVersion(invitation.getVersion());
        return view;
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

    static XMLGregorianCalendar date(OffsetDateTime at) {
        return at == null ? null : DATES.newXMLGregorianCalendar(GregorianCalendar.from(at.toZonedDateTime()));
    }
}
