// Given in the NestJS READMEs' blocks: the reader's controller and root module, and @nestjs/config (not installed
// in this workspace; its shape as the blocks use it). One declaration per line, so a block that defines one of
// these names itself comments that line out.
declare class UsersController {}
declare class AppModule {}
declare class ConfigModule {}
declare class ConfigService {
  getOrThrow<T>(key: string): T
}

export {}
