package io.github.nativeshm.platform;

import io.github.nativeshm.SegmentException;
import io.github.nativeshm.SegmentInfo;
import io.github.nativeshm.SegmentName;
import io.github.nativeshm.platform.linux.LinuxSharedMemory;
import io.github.nativeshm.platform.windows.WindowsSharedMemory;

import com.sun.jna.Platform;

import java.util.List;

/**
 * Named shared memory as one operating system provides it. Implementations check nothing the
 * caller already checked (name syntax, size range) and report every OS failure as a
 * {@link SegmentException} naming the call and the OS error.
 */
public interface SharedMemoryProvider {

    /** Creates a new segment of {@code size} bytes; fails with {@code EXISTS} if the name is taken. */
    Mapping create(SegmentName name, long size);

    /** Maps an existing segment; fails with {@code NOT_FOUND} if there is none. */
    Mapping open(SegmentName name, boolean readOnly);

    /**
     * Removes the name, where the platform has one to remove, so that nobody else can open it;
     * existing mappings stay valid. Windows has none: there this does nothing.
     */
    void unlink(SegmentName name);

    /** The segments this provider can see. */
    List<SegmentInfo> list();

    /** The provider for the running operating system. */
    static SharedMemoryProvider forCurrentPlatform() {
        if (Platform.isWindows()) {
            return WindowsSharedMemory.withKernel32();
        }
        if (Platform.isLinux()) {
            return new LinuxSharedMemory();
        }
        throw new SegmentException(SegmentException.Reason.UNSUPPORTED, "use", "*",
                "named segments need Linux or Windows; this is " + System.getProperty("os.name")
                        + " (file-backed segments work everywhere)");
    }
}
