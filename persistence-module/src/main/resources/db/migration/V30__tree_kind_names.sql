-- PostgreSQL cuts identifiers at 63 bytes without a word: a tree kind with a long name would get
-- triggers, functions and constraint names that are not the ones tree_declare means (two long kinds
-- could even share them). The longest name it makes is '<kind>_move_subtree', so a kind has at most
-- 50 bytes; a longer one is refused before anything is made.
ALTER FUNCTION tree_declare(text) RENAME TO tree_declare_unchecked;

CREATE FUNCTION tree_declare(kind text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF octet_length(kind || '_move_subtree') > 63 THEN
        RAISE invalid_name USING MESSAGE = 'tree kind ' || kind || ' is longer than 50 bytes';
    END IF;
    PERFORM tree_declare_unchecked(kind);
END $$;

REVOKE EXECUTE ON FUNCTION tree_declare(text) FROM PUBLIC;
