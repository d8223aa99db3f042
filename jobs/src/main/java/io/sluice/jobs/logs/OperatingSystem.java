package io.sluice.jobs.logs;

/**
 * The operating system a user agent names. Checked in declaration order, because agents name
 * several: Android agents say "Linux", iOS agents say "like Mac OS X".
 */
public enum OperatingSystem {
  ANDROID("Android", "Android"),
  IOS("iOS", "iPhone", "iPad", "iPod", "iOS"),
  WINDOWS("Windows", "Windows", "Win98", "Win95", "WinNT"),
  MACOS("macOS", "Mac OS X", "Macintosh", "macOS", "MacOS"),
  LINUX("Linux", "Linux"),
  OTHER("Other");

  private final String label;
  private final String[] markers;

  OperatingSystem(String label, String... markers) {
    this.label = label;
    this.markers = markers;
  }

  /** The name written to reports. */
  public String label() {
    return label;
  }

  public static OperatingSystem fromUserAgent(String userAgent) {
    if (userAgent != null) {
      for (OperatingSystem os : values()) {
        for (String marker : os.markers) {
          if (userAgent.contains(marker)) {
            return os;
          }
        }
      }
    }
    return OTHER;
  }
}
