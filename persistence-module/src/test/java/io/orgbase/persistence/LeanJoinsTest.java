package io.orgbase.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.persistence.descriptors.FetchGroupManager;
import org.eclipse.persistence.internal.queries.EntityFetchGroup;
import org.junit.jupiter.api.Test;

class LeanJoinsTest {

    /** A manager that says "every attribute" for a and b together, and counts how often it is asked. */
    private static final class Counting extends FetchGroupManager {
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public EntityFetchGroup getEntityFetchGroup(Set<String> attributeNames) {
            asked.incrementAndGet();
            return attributeNames.equals(Set.of("a", "b")) ? null : new EntityFetchGroup(attributeNames);
        }
    }

    @Test
    void aGroupKnowsItsAnswerUntilItChangesAndOnlyForItsManager() {
        LeanJoins.KnownGroup group = new LeanJoins.KnownGroup("g");
        group.addAttribute("a");
        group.addAttribute("b");
        Counting manager = new Counting();

        assertThat(group.getEntityFetchGroup(manager)).as("every attribute").isNull();
        assertThat(group.getEntityFetchGroup(manager)).isNull();
        assertThat(manager.asked).as("worked out once, the null answer too").hasValue(1);

        group.addAttribute("c");
        assertThat(group.getEntityFetchGroup(manager).getAttributeNames()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(manager.asked).as("again after a change").hasValue(2);
        group.removeAttribute("c");
        assertThat(group.getEntityFetchGroup(manager)).isNull();
        assertThat(manager.asked).hasValue(3);

        Counting another = new Counting();
        assertThat(group.getEntityFetchGroup(another)).isNull();
        assertThat(another.asked)
                .as("another descriptor's manager is asked itself")
                .hasValue(1);
    }
}
