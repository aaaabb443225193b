//! Making new files for the writer: `init`'s starter site and `new`'s
//! entries from archetypes. Both never overwrite a file.

pub mod archetype;
pub mod init;
