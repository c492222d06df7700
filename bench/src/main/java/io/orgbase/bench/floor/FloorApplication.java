package io.orgbase.bench.floor;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The framework floor of the request-path benchmark: a second application in the same Payara Micro,
 * beside Orgbase, with the thinnest endpoint that does a read's database work (see {@link
 * FloorResource}). Its data source is Orgbase's, as the application role, from the same settings.
 * Never part of Orgbase: the benchmark builds its WAR from these classes for a run.
 */
@ApplicationPath("/")
@DataSourceDefinition(
        name = "java:app/jdbc/floor",
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=DB_URL}",
        user = "${MPCONFIG=DB_USER}",
        password = "${MPCONFIG=DB_PASSWORD}",
        minPoolSize = 2,
        maxPoolSize = 64,
        properties = {"stringType=unspecified", "ApplicationName=floor"})
public class FloorApplication extends Application {}
