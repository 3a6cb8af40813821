/** Helpers shared by the migration packages; not an API, may change without notice. */
package io.tradingmetrics.migration.internal;
