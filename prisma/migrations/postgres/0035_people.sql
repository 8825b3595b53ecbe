-- AlterTable
ALTER TABLE "User" ADD COLUMN     "avatarId" TEXT;

