package io.orgbase.reference.boundary;

import io.orgbase.access.Caller;
import io.orgbase.problems.Forbidden;

/** What the three vocabularies share: who may change them. */
final class Vocabulary {

    private Vocabulary() {}

    /** @throws Forbidden unless the caller is a platform administrator (an API key never is) */
    static void requireCurator(Caller caller, String what) {
        if (!caller.platformAdmin() || caller.isApiKey()) {
            throw new Forbidden("Only platform administrators change " + what + ".");
        }
    }
}
