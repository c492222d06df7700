package io.orgbase.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubdomainsTest {

    private static Subdomains under(String base) {
        Subdomains subdomains = new Subdomains();
        subdomains.baseDomain = base;
        return subdomains;
    }

    @Test
    void aDirectSubdomainOfTheBaseNamesTheOrganization() {
        Subdomains subdomains = under("orgbase.example.com");
        assertThat(subdomains.slugOf("acme.orgbase.example.com")).hasValue("acme");
        assertThat(subdomains.slugOf("ACME.Orgbase.Example.com:8443")).hasValue("acme");
    }

    @Test
    void otherHostsNameNothing() {
        Subdomains subdomains = under("orgbase.example.com");
        assertThat(subdomains.slugOf("orgbase.example.com")).isEmpty();
        assertThat(subdomains.slugOf("a.b.orgbase.example.com")).isEmpty();
        assertThat(subdomains.slugOf("acme.evil-orgbase.example.com")).isEmpty();
        assertThat(subdomains.slugOf("acme.orgbase.example.com.evil.test")).isEmpty();
        assertThat(subdomains.slugOf(null)).isEmpty();
        assertThat(under(" ").slugOf("acme.orgbase.example.com")).isEmpty();
    }
}
