package org.mpindex.core.spi;

/** A user health function with its description, which {@link #describe()} and {@link #toString()} give. */
abstract class DescribedProvider implements HealthLevelProvider {
  private final String description;

  DescribedProvider(String description) {
    this.description = description;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public String toString() {
    return description;
  }
}
