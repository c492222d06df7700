package io.orgbase.access;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.properties.CanBeAnnotated;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.elements.GivenMethodsConjunction;
import io.orgbase.audit.Audited;
import io.orgbase.extensible.ExtensibleResults;
import io.orgbase.organization.Organization;
import io.orgbase.persistence.Extensible;
import io.orgbase.tenancy.Tenant;
import io.orgbase.tenancy.TenantScoped;
import jakarta.ejb.Stateless;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The access rules every boundary follows, checked on the compiled classes: each public method says
 * who may call it (a permission in the organization, any signed-in caller, platform administrators,
 * or anyone), and what that marker needs to be checked is there (a Tenant argument entered by the
 * tenant interceptor, a Caller). A new boundary method without them fails here.
 */
class BoundaryMarkersTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.orgbase");

    private static final List<Class<? extends Annotation>> ACCESS_MARKERS =
            List.of(RequiresPermission.class, AuthenticatedOnly.class, PlatformAdminOnly.class, PublicAccess.class);

    /** Public business methods of the stateless beans in the boundary packages. */
    private static GivenMethodsConjunction boundaryMethods() {
        return methods()
                .that()
                .arePublic()
                .and()
                .areDeclaredInClassesThat()
                .resideInAPackage("io.orgbase..boundary..")
                .and()
                .areDeclaredInClassesThat()
                .areAnnotatedWith(Stateless.class);
    }

    @Test
    void theRulesSeeTheBoundaries() {
        long boundaries = CLASSES.stream()
                .filter(c -> c.getPackageName().contains(".boundary") && c.isAnnotatedWith(Stateless.class))
                .count();
        assertThat(boundaries).as("boundaries found").isGreaterThanOrEqualTo(20);
    }

    @Test
    void everyBoundaryMethodDeclaresWhoMayCallIt() {
        boundaryMethods()
                .should(ArchCondition.from(marked("declare who may call them", ACCESS_MARKERS)))
                .check(CLASSES);
    }

    @Test
    void everyBoundaryIsAudited() {
        ArchRule rule = classes()
                .that()
                .resideInAPackage("io.orgbase..boundary..")
                .and()
                .areAnnotatedWith(Stateless.class)
                .should()
                .beAnnotatedWith(Audited.class);
        rule.check(CLASSES);
    }

    @Test
    void permissionsAreCheckedInATenant() {
        boundaryMethods()
                .and(marked("need a permission", List.of(RequiresPermission.class)))
                .should(ArchCondition.from(taking("a Tenant", Tenant.class)))
                .check(CLASSES);
    }

    /**
     * A request's tenant is resolved (membership checked, 404 for strangers) by the tenant
     * interceptor; a boundary method that took a Tenant without it would see an unresolved one.
     */
    @Test
    void everyMethodTakingATenantEntersIt() {
        boundaryMethods()
                .should(ArchCondition.from(marked("enter the tenant they take", List.of(TenantScoped.class))))
                .orShould(ArchCondition.from(DescribedPredicate.not(taking("a Tenant", Tenant.class))))
                .check(CLASSES);
    }

    /** One control attaches the extras of extensible records, whichever path returns them. */
    @Test
    void boundariesReturningExtensibleRecordsAttachTheirExtras() {
        boundaryMethods()
                .and(DescribedPredicate.describe(
                        "return extensible records", method -> method.getReturnType().getAllInvolvedRawTypes().stream()
                                .anyMatch(type -> type.isAssignableTo(Extensible.class)
                                        && !type.isEquivalentTo(Organization.class))))
                .should(ArchCondition.from(marked("attach their extras", List.of(ExtensibleResults.class))))
                .andShould(ArchCondition.from(DescribedPredicate.describe(
                        "return them in a shape the extras interceptor reads (a record, a Slice, a Collection)",
                        method -> method.getRawReturnType().isAssignableTo(Extensible.class)
                                || method.getRawReturnType().isAssignableTo(io.orgbase.collections.Slice.class)
                                || method.getRawReturnType().isAssignableTo(java.util.Collection.class))))
                .check(CLASSES);
    }

    /**
     * A call from a bean to its own method passes no interceptor: a method that reaches a
     * platform-administrator method of its own class — directly, through private helpers or in a
     * lambda — must be one itself, or that check is skipped.
     */
    @Test
    void nothingReachesAPlatformAdministratorMethodAroundItsCheck() {
        boundaryMethods()
                .and(DescribedPredicate.not(marked("", List.of(PlatformAdminOnly.class))))
                .should(ArchCondition.from(DescribedPredicate.describe(
                        "reach no platform-administrator method of their own class",
                        method -> reachable(method).stream()
                                .noneMatch(target -> target.isAnnotatedWith(PlatformAdminOnly.class)))))
                .check(CLASSES);
    }

    /** The methods of its own class a method calls, and those they call, and so on. */
    private static java.util.Set<JavaMethod> reachable(JavaMethod start) {
        java.util.Set<JavaMethod> seen = new java.util.HashSet<>();
        java.util.Deque<JavaMethod> next = new java.util.ArrayDeque<>(List.of(start));
        while (!next.isEmpty()) {
            JavaMethod method = next.pop();
            java.util.stream.Stream.concat(
                            method.getMethodCallsFromSelf().stream().map(c -> c.getTarget()),
                            method.getMethodReferencesFromSelf().stream().map(r -> r.getTarget()))
                    .filter(target -> target.getOwner().equals(start.getOwner()))
                    .flatMap(target -> target.resolveMember().stream())
                    .filter(JavaMethod.class::isInstance)
                    .map(JavaMethod.class::cast)
                    .filter(seen::add)
                    .forEach(next::push);
        }
        return seen;
    }

    /**
     * What only platform administrators may do, listed: removing a marker (the class-level
     * {@code @AuthenticatedOnly} would still satisfy the other rules) fails here.
     */
    @Test
    void thePlatformAdministratorsMethodsAreTheseExactly() {
        List<String> marked = CLASSES.stream()
                .flatMap(c -> c.getMethods().stream())
                .filter(m -> m.isAnnotatedWith(PlatformAdminOnly.class))
                .map(m -> m.getOwner().getSimpleName() + "." + m.getName())
                .sorted()
                .toList();
        assertThat(marked)
                .containsExactly(
                        "AuditEvents.applyRetention",
                        "AuditEvents.listPlatform",
                        "AuditEvents.verifyPlatform",
                        "Currencies.update",
                        "DeadLetters.discard",
                        "DeadLetters.get",
                        "DeadLetters.list",
                        "DeadLetters.requeue",
                        "Digests.sendNow",
                        "Features.override",
                        "Features.setDefault",
                        "OrganizationBundles.export",
                        "OrganizationBundles.load",
                        "OrganizationTypes.create",
                        "OrganizationTypes.delete",
                        "OrganizationTypes.update",
                        "PlatformDataJobs.abandon",
                        "PlatformDataJobs.get",
                        "PlatformDataJobs.list",
                        "PlatformDataJobs.restart",
                        "PlatformDataJobs.stop",
                        "PlatformMaintenance.run",
                        "PlatformMaintenance.runs",
                        "PlatformMaintenance.start",
                        "PlatformMaintenance.tasks",
                        "PlatformOverview.figures",
                        "Statuses.create",
                        "Statuses.delete",
                        "Statuses.update",
                        "Users.create",
                        "Users.get",
                        "Users.search",
                        "Users.setEmailVerified");
    }

    @Test
    void platformAdministratorsAreKnownFromTheCall() {
        boundaryMethods()
                .and(marked("are for platform administrators", List.of(PlatformAdminOnly.class)))
                .should(ArchCondition.from(taking("a Caller or a Tenant", Caller.class, Tenant.class)))
                .check(CLASSES);
    }

    /** The method, or the class declaring it, carries one of the annotations. */
    private static DescribedPredicate<JavaMethod> marked(
            String description, List<Class<? extends Annotation>> markers) {
        return DescribedPredicate.describe(description, method -> markers.stream()
                .anyMatch(m -> annotated(method, m) || annotated(method.getOwner(), m)));
    }

    private static DescribedPredicate<JavaMethod> taking(String description, Class<?>... anyOf) {
        return DescribedPredicate.describe("take " + description, method -> method.getRawParameterTypes().stream()
                .anyMatch(t -> Stream.of(anyOf).anyMatch(t::isEquivalentTo)));
    }

    private static boolean annotated(CanBeAnnotated element, Class<? extends Annotation> annotation) {
        return element.isAnnotatedWith(annotation);
    }

    private static String names(List<Class<? extends Annotation>> markers) {
        return markers.stream().map(m -> "@" + m.getSimpleName()).toList().toString();
    }
}
