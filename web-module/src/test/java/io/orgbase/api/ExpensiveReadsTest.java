package io.orgbase.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExpensiveReadsTest {

    @Test
    void aPrincipalHoldsAtMostItsPlacesForExpensiveReads() {
        RateLimits limits = new RateLimits();
        limits.expensiveConcurrent = 2;
        Object first = limits.startExpensive("user:a");
        Object second = limits.startExpensive("user:a");
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(limits.startExpensive("user:a")).as("a third at once").isNull();
        assertThat(limits.startExpensive("user:b")).as("another principal").isNotNull();

        limits.finishExpensive("user:a", first);
        assertThat(limits.startExpensive("user:a")).as("a place given back").isNotNull();
        // giving back a place twice frees nothing more
        limits.finishExpensive("user:a", first);
        assertThat(limits.startExpensive("user:a")).isNull();
    }

    @Test
    void noLimitWhenSwitchedOff() {
        RateLimits limits = new RateLimits();
        limits.expensiveConcurrent = 0;
        for (int i = 0; i < 10; i++) {
            assertThat(limits.startExpensive("user:a")).isNotNull();
        }
    }
}
