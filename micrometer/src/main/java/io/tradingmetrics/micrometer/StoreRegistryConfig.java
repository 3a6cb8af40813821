package io.tradingmetrics.micrometer;

import io.micrometer.core.instrument.config.validate.Validated;
import io.micrometer.core.instrument.step.StepRegistryConfig;

import static io.micrometer.core.instrument.config.MeterRegistryConfigValidator.checkAll;
import static io.micrometer.core.instrument.config.MeterRegistryConfigValidator.checkRequired;
import static io.micrometer.core.instrument.config.validate.PropertyValidator.getString;

/**
 * Settings of a {@link StoreMeterRegistry}, read the Micrometer way ({@code metricsstore.step},
 * {@code metricsstore.symbolTag}, ...) from whatever {@link #get} looks in; {@link #DEFAULT} takes the defaults.
 */
public interface StoreRegistryConfig extends StepRegistryConfig {
    /** Every setting at its default: one-minute steps, the {@code symbol} tag becomes the point's symbol. */
    StoreRegistryConfig DEFAULT = key -> null;

    @Override
    default String prefix() {
        return "metricsstore";
    }

    /** @return the tag whose value becomes the point's symbol (the tag is then not a label); default {@code symbol} */
    default String symbolTag() {
        return getString(this, "symbolTag").orElse("symbol");
    }

    @Override
    default Validated<?> validate() {
        return checkAll(this, c -> StepRegistryConfig.validate(c), checkRequired("symbolTag", StoreRegistryConfig::symbolTag));
    }
}
