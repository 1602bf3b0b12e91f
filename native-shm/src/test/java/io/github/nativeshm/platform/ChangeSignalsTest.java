package io.github.nativeshm.platform;

import io.github.nativeshm.platform.linux.FutexSignals;
import io.github.nativeshm.platform.windows.EventSignals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Which implementation each system gets. */
class ChangeSignalsTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    @EnabledIfSystemProperty(named = "os.arch", matches = "amd64|x86_64|aarch64")
    void linuxGetsFutexes() {
        assertInstanceOf(FutexSignals.class, ChangeSignals.forCurrentPlatform());
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void windowsGetsOneProcessWideSetOfNamedEvents() {
        assertInstanceOf(EventSignals.class, ChangeSignals.forCurrentPlatform());
        assertSame(ChangeSignals.forCurrentPlatform(), ChangeSignals.forCurrentPlatform());
    }
}
