/**
 * Internal: the operating-system bindings behind {@link io.github.nativeshm.Segment}, one package
 * per OS behind {@link io.github.nativeshm.platform.SharedMemoryProvider}. Not a public API.
 */
package io.github.nativeshm.platform;
