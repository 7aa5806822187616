package org.mpindex.cli;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Swaps two directories in one atomic step: after the call each name holds what the other held,
 * and no moment exists at which either name is missing. Linux: {@code renameat2(2)} with {@code
 * RENAME_EXCHANGE} (kernel 3.15, glibc 2.28; ext4, xfs, btrfs, tmpfs and others); macOS: {@code
 * renamex_np(2)} with {@code RENAME_SWAP} (10.12). Called through JNA, since Java 17 has no call for
 * it.
 *
 * <p>Where the system cannot (another OS, an old C library, a file system that refuses the flag,
 * JNA's native part not loadable) the answer is {@link Outcome#UNSUPPORTED}, nothing has changed,
 * and the caller falls back to two renames.
 */
final class DirectoryExchange {
  /** What {@link #exchange} did. */
  enum Outcome {
    /** The two directories were swapped atomically. */
    EXCHANGED,
    /** Nothing changed: this system cannot swap atomically. */
    UNSUPPORTED
  }

  // Linux <linux/fs.h> RENAME_EXCHANGE, AT_FDCWD; macOS <stdio.h> RENAME_SWAP
  private static final int RENAME_EXCHANGE = 2;
  private static final int AT_FDCWD = -100;
  private static final int RENAME_SWAP = 2;
  // errno values meaning "not here" (Linux EINVAL, ENOSYS, EOPNOTSUPP; macOS ENOTSUP)
  private static final int EINVAL = 22;
  private static final int LINUX_ENOSYS = 38;
  private static final int LINUX_EOPNOTSUPP = 95;
  private static final int MAC_ENOTSUP = 45;

  /** Tests turn the atomic swap off to exercise the fallback. */
  static volatile boolean enabled = true;

  private DirectoryExchange() {}

  /** glibc's wrapper of the Linux system call. */
  private interface LinuxC extends Library {
    int renameat2(int olddirfd, String oldpath, int newdirfd, String newpath, int flags)
        throws LastErrorException;
  }

  /** macOS's. */
  private interface MacC extends Library {
    int renamex_np(String from, String to, int flags) throws LastErrorException;
  }

  /** The loaded C library, or null where it cannot be loaded (loaded once, on first use). */
  private static final class Loaded {
    static final Object LIBC = load();

    private static Object load() {
      try {
        if (Platform.isLinux()) {
          return Native.load("c", LinuxC.class);
        }
        if (Platform.isMac()) {
          return Native.load("c", MacC.class);
        }
      } catch (LinkageError | RuntimeException e) {
        // no native access: the fallback
      }
      return null;
    }
  }

  /**
   * Swaps directories {@code a} and {@code b} (both existing, on one file system).
   *
   * @return {@link Outcome#EXCHANGED}, or {@link Outcome#UNSUPPORTED} with nothing changed
   * @throws IOException when the system can swap but refused these two (permission, busy), naming
   *     both
   */
  static Outcome exchange(Path a, Path b) throws IOException {
    if (!enabled) {
      return Outcome.UNSUPPORTED;
    }
    Object libc = Loaded.LIBC;
    String from = a.toAbsolutePath().toString();
    String to = b.toAbsolutePath().toString();
    try {
      if (libc instanceof LinuxC linux) {
        linux.renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE);
        return Outcome.EXCHANGED;
      }
      if (libc instanceof MacC mac) {
        mac.renamex_np(from, to, RENAME_SWAP);
        return Outcome.EXCHANGED;
      }
      return Outcome.UNSUPPORTED;
    } catch (LastErrorException e) {
      int errno = e.getErrorCode();
      if (errno == EINVAL
          || (Platform.isLinux() && (errno == LINUX_ENOSYS || errno == LINUX_EOPNOTSUPP))
          || (Platform.isMac() && errno == MAC_ENOTSUP)) {
        return Outcome.UNSUPPORTED;
      }
      throw new IOException(
          "cannot swap " + a + " and " + b + " (errno " + errno + "): " + e.getMessage(), e);
    } catch (UnsatisfiedLinkError e) {
      return Outcome.UNSUPPORTED; // a C library without the call (glibc before 2.28)
    }
  }
}
