/// The ECS version the Linux sensors write in `ecs.version`.
public enum ECSVersion {
  public static let current = "8.11.0"
}
