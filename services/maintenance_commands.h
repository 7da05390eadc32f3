// The supervisor binary's maintenance commands, which do not serve:
//
//   gongkai-supervisor backup --to DIR [--server ADDR] [--config FILE] [--list]
//   gongkai-supervisor restore --from DIR --data_dir D [--backup_id N]
//   gongkai-supervisor restore --from DIR --config FILE [--backup_id N]
//
// `backup` asks the running supervisor (OperationsService.CreateBackup) to add
// a backup of its database to DIR, a folder on the supervisor's machine; with
// --list it lists the backups DIR holds. `restore` works on the files alone,
// with the supervisor stopped. Both take their own arguments (`--flag VALUE`
// or `--flag=VALUE`) rather than the server's flags.
#ifndef GONGKAI_SERVICES_MAINTENANCE_COMMANDS_H_
#define GONGKAI_SERVICES_MAINTENANCE_COMMANDS_H_

#include <string>
#include <vector>

namespace gongkai::services {

// Exit codes, as the gongkai CLI's.
inline constexpr int kMaintenanceOk = 0;
inline constexpr int kMaintenanceFailed = 1;       // refused, or the disk said no
inline constexpr int kMaintenanceUsage = 2;        // bad arguments
inline constexpr int kMaintenanceUnreachable = 3;  // no supervisor at the address

// `args` are the arguments after the command name. The address is --server,
// else $GONGKAI_SERVER, else the listen address of --config, else
// 127.0.0.1:7450; $GONGKAI_TOKEN, if set, is sent as the bearer token. A
// relative DIR is made absolute here, which is right when the supervisor runs
// on this machine.
int RunBackup(const std::vector<std::string>& args);

// Restores the latest backup of DIR (or --backup_id N) into the data directory
// (--data_dir, or that of --config), moving what was there aside. Refuses
// while a supervisor holds the database.
int RunRestore(const std::vector<std::string>& args);

}  // namespace gongkai::services

#endif  // GONGKAI_SERVICES_MAINTENANCE_COMMANDS_H_
