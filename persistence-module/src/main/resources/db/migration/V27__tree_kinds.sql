-- One tree mechanism for every tenant tree (departments now; categories, stock locations and tax
-- jurisdictions later). A tree kind is a table with id, org_id, parent_id, path text COLLATE "C"
-- and depth, a path index on (org_id, path), and the check that the path ends with the row's own
-- id; tree_declare('<table>') then gives it the triggers that keep its paths, written once here.
--
-- The path is the ids from the root down to the row itself, 32 hex digits and a '/' each, so a
-- subtree is one index range [path, path || '~'). An inserted row, or one given another parent,
-- takes its parent's path plus its own id; a move rewrites the subtree in one range update. Inserts
-- under a parent and moves in one organization queue on the advisory lock '<table>-tree:<org_id>'
-- (the application takes the same lock before it checks a move), and a move under the row itself
-- or its subtree is refused: the application checks these rules first to answer 400 with the field;
-- the triggers are the backstop.
--
-- The functions are generated per table, with static SQL, so that PostgreSQL keeps their plans
-- (a trigger's parent lookup is planned once per session, not once per row of a bulk load); they
-- name their table with its schema, so no temporary table of the same name can stand in for it.
CREATE FUNCTION tree_declare(kind text) RETURNS void LANGUAGE plpgsql AS $declare$
BEGIN
    EXECUTE format($template$
        CREATE OR REPLACE FUNCTION %1$I() RETURNS trigger LANGUAGE plpgsql AS $body$
        DECLARE
            parent_path text := '';
        BEGIN
            IF TG_OP = 'UPDATE' AND NEW.parent_id IS NOT DISTINCT FROM OLD.parent_id THEN
                RETURN NEW;
            END IF;
            IF NEW.parent_id IS NOT NULL THEN
                PERFORM pg_advisory_xact_lock(hashtextextended(%3$L || NEW.org_id, 0));
                SELECT path INTO parent_path FROM public.%2$I WHERE id = NEW.parent_id AND org_id = NEW.org_id;
                IF parent_path IS NULL THEN
                    RAISE foreign_key_violation USING MESSAGE = 'no parent ' || NEW.parent_id,
                        CONSTRAINT = %4$L;
                END IF;
                IF TG_OP = 'UPDATE' AND starts_with(parent_path, OLD.path) THEN
                    RAISE check_violation USING MESSAGE = NEW.id || ' would be its own ancestor',
                        CONSTRAINT = %5$L;
                END IF;
            ELSIF TG_OP = 'UPDATE' THEN
                PERFORM pg_advisory_xact_lock(hashtextextended(%3$L || NEW.org_id, 0));
            END IF;
            NEW.path := parent_path || replace(NEW.id::text, '-', '') || '/';
            NEW.depth := char_length(NEW.path) / 33;
            RETURN NEW;
        END $body$
        $template$,
        kind || '_place', kind, kind || '-tree:', kind || '_parent_fk', kind || '_acyclic');
    EXECUTE format($template$
        CREATE OR REPLACE FUNCTION %1$I() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            UPDATE public.%2$I
            SET path = NEW.path || substr(path, char_length(OLD.path) + 1),
                depth = depth - OLD.depth + NEW.depth
            WHERE org_id = NEW.org_id AND path > OLD.path AND path < OLD.path || '~';
            RETURN NULL;
        END $body$
        $template$,
        kind || '_move_subtree', kind);
    EXECUTE format('DROP TRIGGER IF EXISTS %1$I ON %2$I', kind || '_place', kind);
    EXECUTE format('DROP TRIGGER IF EXISTS %1$I ON %2$I', kind || '_move_subtree', kind);
    EXECUTE format('CREATE TRIGGER %1$I BEFORE INSERT OR UPDATE OF parent_id ON %2$I'
        || ' FOR EACH ROW EXECUTE FUNCTION %1$I()', kind || '_place', kind);
    EXECUTE format('CREATE TRIGGER %1$I AFTER UPDATE OF parent_id ON %2$I'
        || ' FOR EACH ROW WHEN (NEW.path IS DISTINCT FROM OLD.path) EXECUTE FUNCTION %1$I()',
        kind || '_move_subtree', kind);
END $declare$;

-- Declaring trees is the schema owner's, at migration time; the application role only uses them.
REVOKE EXECUTE ON FUNCTION tree_declare(text) FROM PUBLIC;

-- Departments were the first tree; their triggers are now the template's (the same behaviour).
SELECT tree_declare('department');
